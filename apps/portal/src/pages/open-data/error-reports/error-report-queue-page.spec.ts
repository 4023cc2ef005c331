import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorReportView } from '@/api/types/open-data.js';
import { answer, buttons, errorBeside, mountAs } from '../feedback-test-mount.js';
import ErrorReportQueuePage from './error-report-queue-page.vue';

const REPORT: ErrorReportView = {
  id: '0b7c6a4e-5d1f-4c3b-9a2e-00000000000e',
  dataset: { id: 'd1', name: '中小企业登记信息', status: 'open', statusLabel: '已开放' },
  organisationId: 'o1',
  resourceId: null,
  item: '行业',
  rowHint: '示例企业1',
  description: '示例企业1 的行业应为批发业，不是软件业',
  status: 'open',
  statusLabel: '待核实',
  due: '2026-12-01',
  dueProvisional: false,
  overdue: true,
  submittedAt: '2026-11-17T01:00:00.000Z',
  answer: null,
  answeredAt: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the error report queue', () => {
  it('lists reports awaiting the department, marks the overdue, and lets only the providing department answer', async () => {
    const sent = await mountAs(ErrorReportQueuePage, '/open-data/error-reports', { roles: ['provider-reviewer'] }, () =>
      answer(200, { items: [REPORT, { ...REPORT, id: 'other', organisationId: 'o2' }] }),
    );
    expect(sent[0]!.url).toBe('/api/v1/open-data/error-reports?status=open&limit=200');
    expect(document.body.textContent).toContain('行业，示例企业1');
    expect(document.querySelectorAll('.working-day-date--overdue')).toHaveLength(2);
    expect(buttons().filter((b) => b === '答复')).toHaveLength(1);
  });

  it('offers no answer to the authority, which only reads', async () => {
    await mountAs(ErrorReportQueuePage, '/open-data/error-reports', { roles: ['data-admin'], authority: true }, () =>
      answer(200, { items: [{ ...REPORT, organisationId: 'o2' }] }),
    );
    expect(document.body.textContent).toContain('中小企业登记信息');
    expect(buttons()).not.toContain('答复');
  });

  it("answers with the outcome and the finding, and shows the API's errors beside them", async () => {
    const sent = await mountAs(
      ErrorReportQueuePage,
      '/open-data/error-reports?status=open',
      { roles: ['data-admin'] },
      (method) =>
        method === 'POST'
          ? answer(400, {
              code: 'validation_failed',
              errors: [{ path: 'answer', rule: 'too_small', message: '请写明核实结果' }],
            })
          : answer(200, { items: [REPORT] }),
    );
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '答复')!.click();
    await flushPromises();
    const radio = [...document.querySelectorAll('.el-radio')].find((r) => r.textContent?.includes('已更正'));
    (radio!.querySelector('input') as HTMLInputElement).click();
    await flushPromises();
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '提交答复')!.click();
    await flushPromises();
    expect(sent.find((s) => s.method === 'POST')).toEqual({
      method: 'POST',
      url: `/api/v1/open-data/error-reports/${REPORT.id}/answer`,
      body: { outcome: 'corrected', answer: '' },
    });
    await vi.waitFor(() => expect(errorBeside('核实结果')).toBe('请写明核实结果'));
  });
});
