import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '@/stores/session.store.js';
import { adminTestI18n, answer } from '../admin-test-i18n.js';
import UsersPage from './users-page.vue';

const OWN = {
  id: '6f1c1a52-8f8b-4c39-9b1e-2b0b1d3f4a10',
  name: '江西省公安厅',
  uscc: '11360000014500002N',
  isRoot: false,
};
const EDITOR = {
  id: 'a3f0c1d2-0000-4000-8000-000000000001',
  organisationId: OWN.id,
  username: 'zhao.lei',
  displayName: '赵磊',
  roles: ['api-consumer', 'catalog-editor'],
  active: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  lastLoginAt: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function mountAs(roles: string[], authority: boolean, respond: (method: string, path: string) => Response) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url, 'http://portal');
      calls.push(`${request.method} ${url.pathname}${url.search}`);
      return respond(request.method, url.pathname);
    }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.me = {
    principal: { subject: 'u1', kind: 'user', organisationId: OWN.id, nodeCode: '360000', roles, authority },
    user: null,
    organisation: OWN,
  };
  session.node = { code: '360000', name: '江西省政务数据共享平台', level: 'provincial', parent: null, services: {} };
  const wrapper = mount(UsersPage, { global: { plugins: [adminTestI18n(), pinia] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, calls };
}

const popconfirm = (wrapper: Awaited<ReturnType<typeof mountAs>>['wrapper'], title: string) =>
  wrapper.findAllComponents({ name: 'ElPopconfirm' }).find((p) => String(p.props('title')).includes(title))!;

describe('UsersPage', () => {
  it("lists a data-admin's own organisation and removes a role as the API answers it", async () => {
    let user = EDITOR;
    const { wrapper, calls } = await mountAs(['data-admin'], false, (method, path) => {
      if (path === '/api/v1/organisations') return answer(200, { items: [OWN], nextCursor: null });
      if (method === 'DELETE') {
        user = { ...EDITOR, roles: ['catalog-editor'] };
        return answer(200, user);
      }
      return answer(200, { items: [user], nextCursor: null });
    });
    expect(calls).toContain('GET /api/v1/users?limit=200');
    // No organisation to choose: the API keeps a data-admin to their own (分域).
    expect(wrapper.findAllComponents({ name: 'ElSelect' })).toHaveLength(0);
    expect(document.body.textContent).toContain('赵磊');
    expect(document.body.textContent).toContain('江西省公安厅');

    popconfirm(wrapper, '接口调用方').vm.$emit('confirm');
    await vi.waitFor(() =>
      expect(document.querySelector('[role="status"]')?.textContent).toBe('已撤销 赵磊 的角色“接口调用方”。'),
    );
    expect(calls).toContain(`DELETE /api/v1/users/${EDITOR.id}/roles/api-consumer`);
    await flushPromises();
    const roleTags = [...document.querySelectorAll('.admin-role .el-tag')].map((t) => t.textContent?.trim());
    expect(roleTags).toEqual(['目录编目员']);
  }, 20_000);

  it('shows the refusal of deactivating the last node-admin above the list', async () => {
    const admin = { ...EDITOR, displayName: '钱平', roles: ['node-admin'] };
    const { wrapper } = await mountAs(['node-admin'], true, (method, path) => {
      if (path === '/api/v1/organisations') return answer(200, { items: [OWN], nextCursor: null });
      if (method === 'POST')
        return answer(422, {
          code: 'rule_violated',
          status: 422,
          errors: [
            { path: 'active', rule: 'last-node-admin', message: 'the node must keep at least one active node-admin' },
          ],
        });
      return answer(200, { items: [admin], nextCursor: null });
    });
    // A node-admin chooses the organisation.
    expect(wrapper.findAllComponents({ name: 'ElSelect' })).toHaveLength(1);
    popconfirm(wrapper, '停用 钱平').vm.$emit('confirm');
    await vi.waitFor(() =>
      expect(document.querySelector('[role="alert"]')?.textContent).toContain(
        'the node must keep at least one active node-admin',
      ),
    );
    expect(document.querySelector('[role="status"]')).toBeNull();
  }, 20_000);
});
