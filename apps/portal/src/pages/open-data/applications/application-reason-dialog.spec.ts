import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import zh from '@/i18n/locales/zh-CN.json';
import openDataZh from '../locales/zh-CN.json';
import ApplicationReasonDialog from './application-reason-dialog.vue';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

async function open(action: 'refuse' | 'revoke', fetch: (request: Request) => Promise<Response>) {
  vi.stubGlobal('fetch', vi.fn(fetch));
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zh, openData: openDataZh }, en: { ...webUiMessagesEn } },
  });
  const wrapper = mount(ApplicationReasonDialog, {
    props: { open: false, applicationId: 'a1', action },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  await wrapper.setProps({ open: true });
  await flushPromises();
  return wrapper;
}

const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;
async function type(text: string) {
  const reason = document.querySelector('textarea')!;
  reason.value = text;
  reason.dispatchEvent(new Event('input'));
  await flushPromises();
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('ApplicationReasonDialog', () => {
  it('refuses with the reason as typed and hands back the refused application', async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    const wrapper = await open('refuse', async (request) => {
      sent.push({ url: new URL(request.url, 'http://portal').pathname, body: await request.json() });
      return answer(200, { id: 'a1', state: 'refused' });
    });
    await type('用途超出开放条件');
    button('确认不予批准').click();
    await flushPromises();
    expect(sent).toEqual([
      { url: '/api/v1/open-data/applications/a1/decision', body: { decision: 'refuse', reason: '用途超出开放条件' } },
    ]);
    expect(wrapper.emitted('done')?.[0]).toEqual([{ id: 'a1', state: 'refused' }]);
  });

  it("revokes a grant with the reason, and shows the API's error on the reason beside it", async () => {
    const sent: string[] = [];
    const wrapper = await open('revoke', async (request) => {
      sent.push(new URL(request.url, 'http://portal').pathname);
      return answer(400, {
        code: 'validation',
        errors: [{ path: 'reason', rule: 'reason-required', message: '请说明理由' }],
      });
    });
    button('确认终止').click();
    await vi.waitFor(() => expect(document.querySelectorAll('.el-form-item.is-error')).toHaveLength(1));
    const reasonItem = wrapper.findAllComponents({ name: 'ElFormItem' }).find((i) => i.props('label') === '终止理由');
    expect(reasonItem?.props('error')).toBe('请说明理由');
    expect(sent).toEqual(['/api/v1/open-data/applications/a1/revocation']);
    expect(wrapper.emitted('done')).toBeUndefined();
  });
});
