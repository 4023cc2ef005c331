import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import zh from '@/i18n/locales/zh-CN.json';
import exchangeZh from '../locales/zh-CN.json';
import fixture from './fixtures/signed-checkpoint.json';
import AuditPage from './audit-page.vue';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

/** The node as the page calls it: the records, the checkpoint and the proof of the fixture's call. */
function node(checkpoint: Record<string, unknown> = {}) {
  const asked: string[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url, 'http://portal');
    asked.push(`${url.pathname}${url.search}`);
    switch (url.pathname) {
      case '/api/v1/organisations':
        return answer(200, { items: [{ id: fixture.proof.record.consumer.organisationId, name: '江西省民政厅' }] });
      case '/api/v1/exchange/audit/records':
        return answer(200, {
          treeSize: 7,
          hashAlgorithm: 'SHA-256',
          items: [{ leafIndex: 3, record: fixture.proof.record, leafHash: fixture.proof.leafHash, proof: [] }],
        });
      case '/api/v1/exchange/audit/checkpoint':
        return answer(200, {
          ...fixture.checkpoint,
          treeSize: 7,
          rootHash: '',
          hashAlgorithm: 'SHA-256',
          signedAt: '2026-12-07T01:03:00.000Z',
          ...checkpoint,
        });
      case '/api/v1/exchange/audit/inclusion':
        return answer(200, { callId: fixture.proof.record.callId, ...fixture.proof });
      default:
        return answer(404, { code: 'not_found' });
    }
  });
  vi.stubGlobal('fetch', fetch);
  return asked;
}

async function open() {
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zh, exchange: exchangeZh }, en: { ...webUiMessagesEn } },
  });
  const wrapper = mount(AuditPage, { global: { plugins: [i18n] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

async function verify(wrapper: Awaited<ReturnType<typeof open>>) {
  const button = wrapper.findAll('button').find((b) => b.text() === '验证');
  expect(button).toBeDefined();
  await button!.trigger('click');
  // WebCrypto answers on its own schedule: wait for the result panel.
  await vi.waitFor(async () => {
    await flushPromises();
    expect(wrapper.find('.verification').exists()).toBe(true);
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the audit page', () => {
  it('lists the call and verifies it in the browser against the signed checkpoint, step by step', async () => {
    const asked = node();
    const wrapper = await open();
    expect(wrapper.text()).toContain('江西省民政厅');
    await verify(wrapper);
    expect(asked).toContain(`/api/v1/exchange/audit/inclusion?callId=${fixture.proof.record.callId}&treeSize=7`);
    expect(wrapper.find('.verification h2').text()).toBe('验证通过：该调用已记入经签名的审计账本。');
    const steps = wrapper.findAll('.verification li');
    expect(steps.map((s) => [s.find('strong').text(), s.classes()])).toEqual([
      ['叶子哈希', ['verification__step--passed']],
      ['根哈希一致', ['verification__step--passed']],
      ['签名有效', ['verification__step--passed']],
      ['树大小', ['verification__step--passed']],
    ]);
    expect(steps[3]!.text()).toContain('检查点树大小 7');
  });

  it('names the failed step in red when the checkpoint was signed by another key', async () => {
    node({ verifierKey: fixture.checkpoint.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+') });
    const wrapper = await open();
    await verify(wrapper);
    expect(wrapper.find('.verification').classes()).toContain('verification--failed');
    expect(wrapper.find('.verification h2').text()).toBe('验证未通过：签名有效未通过。');
    expect(wrapper.find('.verification__step--failed').text()).toContain('签名有效');
  });
});
