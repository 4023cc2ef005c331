import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import zh from '@/i18n/locales/zh-CN.json';
import exchangeZh from '../locales/zh-CN.json';
import RevokeGrantDialog from './revoke-grant-dialog.vue';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

async function open(fetch: (request: Request) => Promise<Response>) {
  vi.stubGlobal('fetch', vi.fn(fetch));
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zh, exchange: exchangeZh }, en: { ...webUiMessagesEn } },
  });
  const wrapper = mount(RevokeGrantDialog, {
    props: { open: false, grantId: 'g1' },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  await wrapper.setProps({ open: true });
  await flushPromises();
  return wrapper;
}

const submit = () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '撤销授权')!;

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('RevokeGrantDialog', () => {
  it("shows the API's error on the reason beside the reason", async () => {
    const wrapper = await open(async () =>
      answer(400, { code: 'invalid_input', errors: [{ path: 'reason', message: 'say why the grant is revoked' }] }),
    );
    submit().click();
    await vi.waitFor(() => expect(document.querySelectorAll('.el-form-item.is-error')).toHaveLength(1));
    const reasonItem = wrapper.findAllComponents({ name: 'ElFormItem' }).find((i) => i.props('label') === '撤销原因');
    expect(reasonItem?.props('error')).toBe('say why the grant is revoked');
    expect(wrapper.emitted('revoked')).toBeUndefined();
  });

  it('sends the reason as typed and hands back the revoked grant', async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    const wrapper = await open(async (request) => {
      sent.push({ url: new URL(request.url, 'http://portal').pathname, body: await request.json() });
      return answer(200, { id: 'g1', status: 'revoked', revokedReason: '使用方超范围使用数据' });
    });
    const reason = document.querySelector('textarea')!;
    reason.value = '使用方超范围使用数据';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    submit().click();
    await flushPromises();
    expect(sent).toEqual([{ url: '/api/v1/exchange/grants/g1/revoke', body: { reason: '使用方超范围使用数据' } }]);
    expect(wrapper.emitted('revoked')?.[0]).toEqual([
      { id: 'g1', status: 'revoked', revokedReason: '使用方超范围使用数据' },
    ]);
  });
});
