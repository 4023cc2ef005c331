import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatasetView } from '@/api/open-data-types.js';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import ApplyForm from './apply-form.vue';

const DATASET = {
  id: 'd1',
  resources: [
    {
      id: 'r1',
      columns: [
        { item: '单位名称', dataType: 'C', masked: false },
        { item: '行业', dataType: 'C', masked: false },
      ],
    },
  ],
} as unknown as DatasetView;
const COMMITMENTS = [
  { code: 'purpose-only', zh: '仅将数据用于申请所述的用途和应用场景' },
  { code: 'report-use', zh: '按数据提供部门的要求报告数据使用情况和应用成果' },
];

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function mountForm(fetch: (input: string, init?: RequestInit) => Promise<Response>) {
  vi.stubGlobal('fetch', vi.fn(fetch));
  const wrapper = mount(ApplyForm, {
    props: { dataset: DATASET, commitments: COMMITMENTS },
    global: { plugins: [createOpenPortalI18n('zh-CN')] },
    attachTo: document.body,
  });
  // Element Plus gives the inputs their ids once mounted.
  await flushPromises();
  return wrapper;
}

/** The error the form item holding `text` shows (its label or its fieldset's legend). */
const errorBeside = (wrapper: Awaited<ReturnType<typeof mountForm>>, text: string): string | undefined =>
  wrapper
    .findAllComponents({ name: 'ElFormItem' })
    .find((item) => item.text().includes(text))
    ?.props('error');

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('ApplyForm', () => {
  it('sends what was ticked and typed, and hands back the application', async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    const wrapper = await mountForm(async (url, init) => {
      sent.push({ url, body: JSON.parse(init!.body as string) });
      return answer(201, { id: 'a1', state: 'submitted' });
    });
    await wrapper.find('#apply-purpose').setValue('研究本市中小企业的行业分布');
    await wrapper.find('#apply-scenario').setValue('高校课题组内部统计分析');
    const boxes = wrapper.findAll('input[type="checkbox"]');
    expect(boxes).toHaveLength(4);
    for (const box of boxes) await box.setValue(true);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent).toEqual([
      {
        url: '/api/v1/open-data/datasets/d1/applications',
        body: {
          purpose: '研究本市中小企业的行业分布',
          scenario: '高校课题组内部统计分析',
          fields: ['单位名称', '行业'],
          commitments: ['purpose-only', 'report-use'],
          validUntil: '',
        },
      },
    ]);
    expect(wrapper.emitted('applied')?.[0]).toEqual([{ id: 'a1', state: 'submitted' }]);
  });

  it("shows the API's field errors beside the fields they name (fields.1 beside 申请的字段)", async () => {
    const wrapper = await mountForm(async () =>
      answer(400, {
        code: 'validation',
        errors: [
          { path: 'fields.1', rule: 'field-of-dataset', message: '“行业” 不是该数据集开放的信息项' },
          { path: 'commitments', rule: 'every-commitment', message: '须接受全部安全承诺' },
          { path: 'validUntil', rule: 'period', message: '使用期限须晚于今天' },
        ],
      }),
    );
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(errorBeside(wrapper, '申请的字段')).toBe('“行业” 不是该数据集开放的信息项');
    expect(errorBeside(wrapper, '安全承诺')).toBe('须接受全部安全承诺');
    expect(errorBeside(wrapper, '最后使用日')).toBe('使用期限须晚于今天');
    expect(errorBeside(wrapper, '数据用途')).toBeUndefined();
    expect(document.querySelectorAll('.el-form-item.is-error')).toHaveLength(3);
    expect(wrapper.emitted('applied')).toBeUndefined();
  });
});
