import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatasetView } from '@/api/open-data-types.js';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import ErrorReportFormView from './error-report-form.vue';
import { emptyErrorReportForm, errorReportRequest, reportableItems } from './error-report-form.js';

const DATASET = {
  id: 'd1',
  name: '中小企业登记信息',
  resources: [
    { id: 'r1', name: 'company', columns: [{ item: '单位名称' }, { item: '行业' }] },
    { id: 'r2', name: 'branch', columns: [{ item: '单位名称' }, { item: '地址' }] },
  ],
} as unknown as DatasetView;

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the error report form’s choices', () => {
  it('offers the published items of the table chosen, or of every table, each once', () => {
    expect(reportableItems(DATASET, '')).toEqual(['单位名称', '行业', '地址']);
    expect(reportableItems(DATASET, 'r2')).toEqual(['单位名称', '地址']);
  });

  it('sends only what was filled in', () => {
    expect(errorReportRequest({ ...emptyErrorReportForm(), rowHint: '  ', description: '行业应为批发业' })).toEqual({
      description: '行业应为批发业',
    });
    expect(errorReportRequest({ resourceId: 'r1', item: '行业', rowHint: '第 2 行', description: 'x' })).toEqual({
      resourceId: 'r1',
      item: '行业',
      rowHint: '第 2 行',
      description: 'x',
    });
  });
});

describe('ErrorReportForm', () => {
  it("posts the report for the dataset and shows the API's field errors beside the fields they name", async () => {
    const sent: Array<{ url: string; body: unknown }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        sent.push({ url, body: JSON.parse(init!.body as string) });
        return answer(400, {
          code: 'validation',
          errors: [
            { path: 'item', rule: 'item-of-dataset', message: '“地址” 不是该数据集开放的信息项' },
            { path: 'description', rule: 'too_small', message: '请说明错在哪里、应当是什么' },
          ],
        });
      }),
    );
    const wrapper = mount(ErrorReportFormView, {
      props: { dataset: DATASET },
      global: { plugins: [createOpenPortalI18n('zh-CN')] },
      attachTo: document.body,
    });
    await flushPromises();
    await wrapper.find('#error-report-row').setValue('示例企业1');
    await wrapper.find('#error-report-description').setValue('不对');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(sent).toEqual([
      { url: '/api/v1/open-data/datasets/d1/error-reports', body: { rowHint: '示例企业1', description: '不对' } },
    ]);
    const errorOf = (label: string) =>
      wrapper
        .findAllComponents({ name: 'ElFormItem' })
        .find((item) => item.text().includes(label))
        ?.props('error');
    expect(errorOf('有误的信息项')).toBe('“地址” 不是该数据集开放的信息项');
    expect(errorOf('错误说明')).toBe('请说明错在哪里、应当是什么');
    expect(errorOf('哪条记录')).toBeUndefined();
    expect(wrapper.emitted('reported')).toBeUndefined();
  });
});
