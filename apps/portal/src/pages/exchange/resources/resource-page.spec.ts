import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import zh from '@/i18n/locales/zh-CN.json';
import { useSessionStore } from '@/stores/session.store.js';
import exchangeZh from '../locales/zh-CN.json';
import ResourcePage from './resource-page.vue';

const RESOURCE = {
  id: '0b7c6a4e-5d1f-4c3b-9a2e-000000000009',
  organisationId: 'o1',
  entryId: 'e1',
  name: '人口基本信息查询',
  baseUrl: 'https://upstream.example.cn/api',
  operations: [{ method: 'GET', path: '/persons', operationId: 'listPersons', summary: null, recordsAt: 'data.list' }],
  responseItems: [{ item: '公民身份号码', field: 'sfzh', maskAs: 'id-card' }],
  recordsAt: null,
  upstream: {},
  credentials: { kind: 'api-key', hasSecret: true, in: 'header', name: 'X-Api-Key' },
  version: 1,
  createdBy: 'user:u1',
  createdAt: '2026-12-07T01:00:00.000Z',
  updatedAt: '2026-12-07T01:00:00.000Z',
};

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

async function open(roles: string[], deleteAnswer: () => Response = () => answer(204)) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url, 'http://portal').pathname;
      calls.push(`${request.method} ${path}`);
      if (request.method === 'DELETE') return deleteAnswer();
      return answer(200, RESOURCE);
    }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.me = {
    principal: { subject: 'u1', kind: 'user', organisationId: 'o1', nodeCode: '360000', roles },
    user: null,
    organisation: null,
  };
  session.node = { code: '360000', name: '江西省政务数据共享平台', level: 'provincial', parent: null, services: {} };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/exchange/resources', name: 'exchange-resources', component: { template: '<div />' } },
      { path: '/exchange/resources/:id', name: 'exchange-resource', component: { template: '<div />' } },
      { path: '/catalog/entries/:idOrCode', name: 'catalog-entry', component: { template: '<div />' } },
    ],
  });
  await router.push(`/exchange/resources/${RESOURCE.id}`);
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zh, exchange: exchangeZh }, en: { ...webUiMessagesEn } },
  });
  const wrapper = mount(ResourcePage, {
    props: { id: RESOURCE.id },
    global: { plugins: [i18n, router, pinia] },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, calls, router };
}

const button = (text: string) =>
  [...document.querySelectorAll('button')].filter((b) => b.textContent?.trim() === text).at(-1);

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the API resource page', () => {
  it('shows the operations, the mapping and that a secret is stored, never the secret', async () => {
    await open(['data-admin']);
    const text = document.body.textContent ?? '';
    expect(text).toContain('/persons');
    expect(text).toContain('sfzh');
    expect(text).toContain('公民身份号码');
    expect(text).toContain('密钥已加密保存');
  });

  it('deletes only once the deletion is confirmed, then returns to the list', async () => {
    const { calls, router } = await open(['data-admin']);
    button('删除')!.click();
    await flushPromises();
    expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual([]);
    await vi.waitFor(() => expect(document.querySelector('.el-dialog')?.textContent).toContain('确定删除吗'));
    button('删除')!.click();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('exchange-resources'));
    expect(calls).toContain(`DELETE /api/v1/exchange/resources/${RESOURCE.id}`);
  }, 20_000);

  it('shows the refusal in the dialog when the API refuses the deletion', async () => {
    const { router } = await open(['data-admin'], () =>
      answer(403, { code: 'forbidden', status: 403, detail: 'only the data-admin of the provider' }),
    );
    button('删除')!.click();
    await flushPromises();
    button('删除')!.click();
    await vi.waitFor(() => expect(document.querySelector('.el-dialog [role="alert"]')).not.toBeNull());
    expect(router.currentRoute.value.name).toBe('exchange-resource');
  }, 20_000);

  it('offers no deletion to a member who may only read', async () => {
    await open(['catalog-editor']);
    expect(button('删除')).toBeUndefined();
  });
});
