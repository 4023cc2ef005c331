import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import zh from '@/i18n/locales/zh-CN.json';
import en from '@/i18n/locales/en.json';
import ApplyDialog from './apply-dialog.vue';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

async function open(fetch: (request: Request) => Promise<Response>) {
  vi.stubGlobal('fetch', vi.fn(fetch));
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/demand/applications/:id', name: 'demand-application', component: { template: '<div />' } },
    ],
  });
  await router.push('/');
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zh }, en: { ...webUiMessagesEn, ...en } },
  });
  const wrapper = mount(ApplyDialog, {
    props: { open: false, entryName: '企业登记信息', target: { entryId: 'e1' }, items: ['名称', '统一社会信用代码'] },
    global: { plugins: [i18n, router] },
    attachTo: document.body,
  });
  await wrapper.setProps({ open: true });
  await flushPromises();
  return { wrapper, router };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('ApplyDialog', () => {
  it("shows the API's field errors beside the fields they name", async () => {
    const sent: unknown[] = [];
    const { wrapper } = await open(async (request) => {
      sent.push(await request.json());
      return answer(400, {
        code: 'invalid_input',
        errors: [
          { path: 'purpose', message: 'must not be empty' },
          { path: 'validUntil', message: 'a calendar date YYYY-MM-DD' },
        ],
      });
    });
    const submit = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('提交申请'));
    submit!.click();
    await vi.waitFor(() => expect(document.querySelectorAll('.el-form-item.is-error')).toHaveLength(2));
    expect(sent[0]).toMatchObject({
      target: { kind: 'entry', entryId: 'e1' },
      requestedItems: ['名称', '统一社会信用代码'],
    });
    // The form item of each field carries the API's message (Element Plus shows it beneath the field).
    const errorOf = (label: string) =>
      wrapper
        .findAllComponents({ name: 'ElFormItem' })
        .find((item) => item.props('label') === label)
        ?.props('error');
    expect(errorOf('用途')).toBe('must not be empty');
    expect(errorOf('使用期限（至）')).toBe('a calendar date YYYY-MM-DD');
    expect(errorOf('依法履职依据')).toBeUndefined();
  }, 20_000);

  it('opens the application filed', async () => {
    const { router } = await open(async () => answer(201, { id: 'a1', state: 'department-review' }));
    [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('提交申请'))!.click();
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/demand/applications/a1'));
  }, 20_000);
});
