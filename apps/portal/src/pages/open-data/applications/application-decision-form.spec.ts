import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import type { ReviewApplicationView } from '@/api/types/open-data.js';
import zh from '@/i18n/locales/zh-CN.json';
import openDataZh from '../locales/zh-CN.json';
import ApplicationDecisionForm from './application-decision-form.vue';

const APPLICATION = {
  id: 'a1',
  fields: ['单位名称', '行业'],
  validUntil: '2027-06-30',
  state: 'submitted',
} as ReviewApplicationView;

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

async function mountForm(fetch: (request: Request) => Promise<Response>) {
  vi.stubGlobal('fetch', vi.fn(fetch));
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zh, openData: openDataZh }, en: { ...webUiMessagesEn } },
  });
  const wrapper = mount(ApplicationDecisionForm, {
    props: { application: APPLICATION },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('ApplicationDecisionForm', () => {
  it('approves the fields left ticked, with the conditions written', async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    const wrapper = await mountForm(async (request) => {
      sent.push({ url: new URL(request.url, 'http://portal').pathname, body: await request.json() });
      return answer(200, { ...APPLICATION, state: 'approved' });
    });
    const boxes = wrapper.findAll('input[type="checkbox"]');
    expect(boxes.map((b) => (b.element as HTMLInputElement).checked)).toEqual([true, true]);
    await boxes[1]!.setValue(false);
    await wrapper.find('#application-conditions').setValue('成果发表前须经本部门审阅');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent).toEqual([
      {
        url: '/api/v1/open-data/applications/a1/decision',
        body: { decision: 'approve', fields: ['单位名称'], conditions: '成果发表前须经本部门审阅' },
      },
    ]);
    expect(wrapper.emitted('decided')?.[0]).toEqual([{ ...APPLICATION, state: 'approved' }]);
  });

  it("shows the API's errors beside the fields they name", async () => {
    const wrapper = await mountForm(async () =>
      answer(400, {
        code: 'validation',
        errors: [
          { path: 'fields.0', rule: 'within-request', message: '批准的字段须在申请的字段之内' },
          { path: 'validUntil', rule: 'within-request', message: '批准的期限不能超过申请的期限' },
        ],
      }),
    );
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const errorOf = (text: string) =>
      wrapper
        .findAllComponents({ name: 'ElFormItem' })
        .find((item) => item.text().includes(text))
        ?.props('error');
    expect(errorOf('批准的字段')).toBe('批准的字段须在申请的字段之内');
    expect(errorOf('最后使用日')).toBe('批准的期限不能超过申请的期限');
    expect(errorOf('附加条件')).toBeUndefined();
    expect(wrapper.emitted('decided')).toBeUndefined();
  });
});
