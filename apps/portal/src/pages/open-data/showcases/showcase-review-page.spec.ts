import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReviewShowcaseView } from '@/api/types/open-data.js';
import { answer, buttons, errorBeside, mountAs } from '../feedback-test-mount.js';
import ShowcaseReviewPage from './showcase-review-page.vue';

const SHOWCASE: ReviewShowcaseView = {
  id: '0b7c6a4e-5d1f-4c3b-9a2e-0000000000a1',
  title: '公交到站查询',
  description: '用公交线路数据做的到站查询小程序',
  kind: 'mini-program',
  kindLabel: { zh: '小程序', en: 'Mini program' },
  url: 'https://bus.example/app',
  datasets: [{ id: 'd1', name: '公交线路', nodeCode: '360000' }],
  submitter: { kind: 'person', name: '张某' },
  approvedAt: null,
  status: 'submitted',
  statusLabel: { zh: '待审核', en: 'Awaiting review' },
  submittedAt: '2026-12-01T01:00:00.000Z',
  decidedAt: null,
  refusalReason: null,
  submitterVerified: { kind: 'person', name: '张三', idMasked: '3601**********0011' },
  decidedBy: null,
};

const clickButton = async (label: string) => {
  [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!.click();
  await flushPromises();
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the showcase review queue', () => {
  it("lists submitted showcases with the verified submitter; the authority's data-admin approves", async () => {
    const sent = await mountAs(
      ShowcaseReviewPage,
      '/open-data/showcases',
      { roles: ['data-admin'], authority: true },
      (method) =>
        method === 'POST' ? answer(200, { ...SHOWCASE, status: 'approved' }) : answer(200, { items: [SHOWCASE] }),
    );
    expect(sent[0]!.url).toBe('/api/v1/open-data/showcase-reviews?status=submitted&limit=200');
    expect(document.body.textContent).toContain('张三');
    expect(document.body.textContent).toContain('公开显示为 张某');
    const link = document.querySelector('a[href="https://bus.example/app"]')!;
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(buttons()).toEqual(expect.arrayContaining(['通过', '不予展示']));

    await clickButton('通过');
    expect(sent.find((s) => s.method === 'POST')).toEqual({
      method: 'POST',
      url: `/api/v1/open-data/showcase-reviews/${SHOWCASE.id}/decision`,
      body: { decision: 'approve' },
    });
    expect(document.body.textContent).toContain('已通过，成果已在开放门户展示：公交到站查询');
  });

  it('offers no decision to an auditor, who only reads', async () => {
    await mountAs(ShowcaseReviewPage, '/open-data/showcases', { roles: ['auditor'], authority: true }, () =>
      answer(200, { items: [SHOWCASE] }),
    );
    expect(document.body.textContent).toContain('公交到站查询');
    expect(buttons()).not.toContain('通过');
    expect(buttons()).not.toContain('不予展示');
  });

  it("refuses with a reason, showing the API's error beside it", async () => {
    const sent = await mountAs(
      ShowcaseReviewPage,
      '/open-data/showcases',
      { roles: ['data-admin'], authority: true },
      (method) =>
        method === 'POST'
          ? answer(400, {
              code: 'validation_failed',
              errors: [{ path: 'reason', rule: 'too_small', message: '请说明理由 (say why)' }],
            })
          : answer(200, { items: [SHOWCASE] }),
    );
    await clickButton('不予展示');
    await clickButton('确认不予展示');
    expect(sent.find((s) => s.method === 'POST')).toEqual({
      method: 'POST',
      url: `/api/v1/open-data/showcase-reviews/${SHOWCASE.id}/decision`,
      body: { decision: 'refuse', reason: '' },
    });
    await vi.waitFor(() => expect(errorBeside('理由')).toBe('请说明理由 (say why)'));
  });
});
