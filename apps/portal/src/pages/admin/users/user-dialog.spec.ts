import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminTestI18n, answer } from '../admin-test-i18n.js';
import UserDialog from './user-dialog.vue';

const OWN = { id: '6f1c1a52-8f8b-4c39-9b1e-2b0b1d3f4a10', name: '江西省公安厅' };

async function open(fetch: (request: Request) => Promise<Response>) {
  vi.stubGlobal('fetch', vi.fn(fetch));
  const wrapper = mount(UserDialog, {
    props: { open: false, organisations: [OWN], roles: ['catalog-editor', 'data-admin'] },
    global: { plugins: [adminTestI18n()] },
    attachTo: document.body,
  });
  await wrapper.setProps({ open: true });
  await flushPromises();
  return wrapper;
}

const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.includes(text))!;
const errorOf = (wrapper: Awaited<ReturnType<typeof open>>, label: string) =>
  wrapper
    .findAllComponents({ name: 'ElFormItem' })
    .find((item) => item.props('label') === label)
    ?.props('error');

/** Types into the input of the form item labelled `label`, as a person would. */
function fill(label: string, value: string) {
  const item = [...document.querySelectorAll('.el-form-item')].find(
    (i) => i.querySelector('.el-form-item__label')?.textContent?.trim() === label,
  );
  const input = item!.querySelector('input')!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('UserDialog', () => {
  it('offers only the roles given, in the person’s own organisation, and sends what was typed', async () => {
    const sent: unknown[] = [];
    const wrapper = await open(async (request) => {
      sent.push(await request.json());
      return answer(201, { id: 'u1', displayName: '赵磊', username: 'zhao.lei', roles: ['catalog-editor'] });
    });
    expect([...document.querySelectorAll('.el-checkbox')].map((c) => c.textContent?.trim())).toEqual([
      '目录编目员',
      '数据管理员',
    ]);
    fill('用户名', ' zhao.lei ');
    fill('姓名', '赵磊');
    fill('初始密码', 'Bianmu-Yuan-2026');
    await flushPromises();
    (document.querySelector('.el-checkbox input') as HTMLInputElement).click();
    button('创建用户').click();
    await vi.waitFor(() => expect(wrapper.emitted('created')).toHaveLength(1));
    expect(sent[0]).toEqual({
      organisationId: OWN.id,
      username: 'zhao.lei',
      displayName: '赵磊',
      password: 'Bianmu-Yuan-2026',
      roles: ['catalog-editor'],
    });
  }, 20_000);

  it("shows the API's 422 beside 角色 and a 403 above the form", async () => {
    let status = 422;
    const wrapper = await open(async () =>
      status === 422
        ? answer(422, {
            code: 'rule_violated',
            status: 422,
            errors: [
              {
                path: 'roles',
                rule: 'node-role-in-authority-organisation',
                message: 'operator is a node-level role',
              },
            ],
          })
        : answer(403, {
            code: 'forbidden',
            status: 403,
            detail: 'only a node-admin of node 360000 may grant the node-level role data-admin',
          }),
    );
    button('创建用户').click();
    await vi.waitFor(() => expect(errorOf(wrapper, '角色')).toBe('operator is a node-level role'));
    expect(document.querySelector('[role="alert"]')).toBeNull();

    status = 403;
    button('创建用户').click();
    await vi.waitFor(() => expect(document.querySelector('[role="alert"]')?.textContent).toContain('没有权限'));
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('data-admin');
    expect(errorOf(wrapper, '角色')).toBeUndefined();
    expect(wrapper.emitted('created')).toBeUndefined();
  }, 20_000);
});
