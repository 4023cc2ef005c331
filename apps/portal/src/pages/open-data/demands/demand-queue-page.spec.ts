import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DemandStaffView } from '@/api/types/open-data.js';
import { answer, buttons, errorBeside, mountAs } from '../feedback-test-mount.js';
import DemandQueuePage from './demand-queue-page.vue';

const OPEN: DemandStaffView = {
  id: '0b7c6a4e-5d1f-4c3b-9a2e-00000000000d',
  title: '公交车辆实时到站数据',
  description: '希望开放公交车辆实时到站数据，用于出行应用',
  domain: { code: 'transport', zh: '交通出行', en: 'Transport' },
  department: null,
  status: 'open',
  statusLabel: '待答复',
  due: '2026-12-01',
  dueProvisional: false,
  overdue: true,
  submittedAt: '2026-11-17T01:00:00.000Z',
  answer: null,
  routedAt: null,
  routedBy: null,
  answeredBy: null,
};
const OWN_DEPARTMENT = { organisationId: 'o1', name: '市交通运输局' };
const OTHER_DEPARTMENT = { organisationId: 'o2', name: '市公安局' };

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the demand queue', () => {
  it('opens the authority on 待分派, marks overdue demands and routes one to a department providing data', async () => {
    const routed = { ...OPEN, department: OWN_DEPARTMENT };
    const sent = await mountAs(
      DemandQueuePage,
      '/open-data/demands',
      { roles: ['data-admin'], authority: true },
      (method, url) => {
        if (url.pathname === '/api/3/action/organization_list') {
          return answer(200, { success: true, result: [{ id: 'o1', title: '市交通运输局', provider_code: 'X' }] });
        }
        if (method === 'POST') return answer(200, routed);
        return answer(200, { items: [OPEN] });
      },
    );
    expect(sent[0]!.url).toBe('/api/v1/open-data/demand-queue?status=open&unrouted=true&limit=200');
    expect([...document.querySelectorAll('.el-tabs__item')].map((t) => t.textContent?.trim())).toEqual([
      '待分派',
      '待答复',
      '已答复',
    ]);
    expect(document.querySelector('.working-day-date--overdue')?.textContent?.trim()).toBe('2026-12-01');
    expect(buttons()).toEqual(expect.arrayContaining(['分派', '答复']));

    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '分派')!.click();
    await flushPromises();
    expect(sent.map((s) => s.url)).toContain('/api/3/action/organization_list?all_fields=true');
    (document.querySelector('#demand-route-department') as HTMLInputElement).click();
    await flushPromises();
    (document.querySelector('.el-select-dropdown__item') as HTMLElement).click();
    await flushPromises();
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '确认分派')!.click();
    await flushPromises();
    expect(sent.find((s) => s.method === 'POST')).toEqual({
      method: 'POST',
      url: `/api/v1/open-data/demand-queue/${OPEN.id}/routing`,
      body: { organisationId: 'o1' },
    });
    expect(document.body.textContent).toContain('已将“公交车辆实时到站数据”分派给市交通运输局');
  });

  it('shows a department its own demands to answer, with no 待分派 tab and no 答复 for another’s', async () => {
    await mountAs(DemandQueuePage, '/open-data/demands', { roles: ['provider-reviewer'] }, () =>
      answer(200, {
        items: [
          { ...OPEN, department: OWN_DEPARTMENT },
          { ...OPEN, id: 'other', title: '另一个部门的需求', department: OTHER_DEPARTMENT },
        ],
      }),
    );
    expect([...document.querySelectorAll('.el-tabs__item')].map((t) => t.textContent?.trim())).toEqual([
      '待答复',
      '已答复',
    ]);
    expect(buttons().filter((b) => b === '答复')).toHaveLength(1);
    expect(buttons()).not.toContain('分派');
  });

  it("answers 已经开放 and shows the API's error beside the dataset when none is named", async () => {
    const sent = await mountAs(
      DemandQueuePage,
      '/open-data/demands?tab=open',
      { roles: ['provider-reviewer'] },
      (method, url) => {
        if (url.pathname === '/api/v1/open-data/datasets') return answer(200, { items: [], next: null });
        if (method === 'POST') {
          return answer(400, {
            code: 'validation_failed',
            errors: [{ path: 'datasetId', rule: 'required', message: '已经开放的答复须指明数据集' }],
          });
        }
        return answer(200, { items: [{ ...OPEN, department: OWN_DEPARTMENT }] });
      },
    );
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '答复')!.click();
    await flushPromises();
    const radio = [...document.querySelectorAll('.el-radio')].find((r) => r.textContent?.includes('已经开放'));
    (radio!.querySelector('input') as HTMLInputElement).click();
    await flushPromises();
    expect(sent.map((s) => s.url)).toContain('/api/v1/open-data/datasets?status=open&limit=100&organisationId=o1');
    const text = document.querySelector('#demand-answer-text') as HTMLTextAreaElement;
    text.value = '该数据已在开放门户开放';
    text.dispatchEvent(new Event('input'));
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '提交答复')!.click();
    await flushPromises();
    expect(sent.find((s) => s.method === 'POST')?.body).toEqual({
      outcome: 'already-open',
      text: '该数据已在开放门户开放',
    });
    await vi.waitFor(() => expect(errorBeside('已开放的数据集')).toBe('已经开放的答复须指明数据集'));
    expect(errorBeside('答复内容')).toBeUndefined();
  });
});
