import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OpenDatasetSummary, PublicCommentView } from '@/api/types/open-data.js';
import { answer, buttons, errorBeside, mountAs } from '../feedback-test-mount.js';
import CommentModerationPage from './comment-moderation-page.vue';

const DATASET_ID = '0b7c6a4e-5d1f-4c3b-9a2e-0000000000d1';
const dataset = (organisationId: string): OpenDatasetSummary => ({
  id: DATASET_ID,
  name: '公交线路',
  provider: { organisationId, name: '市交通运输局', code: 'JT' },
  status: 'open',
});
const COMMENT: PublicCommentView = {
  id: '0b7c6a4e-5d1f-4c3b-9a2e-0000000000c1',
  datasetId: DATASET_ID,
  author: '138****0000',
  text: '广告：代开发票',
  createdAt: '2026-12-07T08:30:00.000Z',
};

function reply(organisationId: string, onPost: () => Response = () => answer(200, {})) {
  return (method: string, url: URL) => {
    if (method === 'POST') return onPost();
    if (url.pathname.endsWith('/comments')) return answer(200, { items: [COMMENT], next: null });
    return answer(200, dataset(organisationId));
  };
}

const clickButton = async (label: string) => {
  [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!.click();
  await flushPromises();
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the comment moderation page', () => {
  it("lets the providing department hide comments on its own dataset, but not on another's", async () => {
    const sent = await mountAs(
      CommentModerationPage,
      `/open-data/comments?datasetId=${DATASET_ID}`,
      { roles: ['provider-reviewer'] },
      reply('o1'),
    );
    expect(sent.map((s) => s.url)).toEqual([
      `/api/v1/open-data/datasets/${DATASET_ID}`,
      `/api/v1/open-data/datasets/${DATASET_ID}/comments?limit=50`,
    ]);
    expect(document.body.textContent).toContain('广告：代开发票');
    expect(buttons()).toContain('隐藏');

    document.body.innerHTML = '';
    await mountAs(
      CommentModerationPage,
      `/open-data/comments?datasetId=${DATASET_ID}`,
      { roles: ['provider-reviewer'] },
      reply('o2'),
    );
    expect(document.body.textContent).toContain('广告：代开发票');
    expect(buttons()).not.toContain('隐藏');
  });

  it("lets the authority's data-admin hide a comment on any dataset, with a reason", async () => {
    const sent = await mountAs(
      CommentModerationPage,
      `/open-data/comments?datasetId=${DATASET_ID}`,
      { roles: ['data-admin'], authority: true },
      reply('o2', () =>
        answer(200, { ...COMMENT, hidden: { at: '2026-12-08T00:00:00.000Z', by: 'u1', reason: '广告' } }),
      ),
    );
    await clickButton('隐藏');
    const reason = document.querySelector('#comment-hide-reason') as HTMLTextAreaElement;
    reason.value = '广告';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    await clickButton('确认隐藏');
    expect(sent.find((s) => s.method === 'POST')).toEqual({
      method: 'POST',
      url: `/api/v1/open-data/comments/${COMMENT.id}/hiding`,
      body: { reason: '广告' },
    });
    expect(document.body.textContent).toContain('已隐藏 138****0000 的评论');
    expect(document.querySelector('.el-table')!.textContent).not.toContain('广告：代开发票');
  });

  it("shows the API's error beside the reason", async () => {
    await mountAs(
      CommentModerationPage,
      `/open-data/comments?datasetId=${DATASET_ID}`,
      { roles: ['data-admin'], authority: true },
      reply('o1', () =>
        answer(400, {
          code: 'validation_failed',
          errors: [{ path: 'reason', rule: 'too_small', message: '请说明理由 (say why)' }],
        }),
      ),
    );
    await clickButton('隐藏');
    await clickButton('确认隐藏');
    await vi.waitFor(() => expect(errorBeside('理由')).toBe('请说明理由 (say why)'));
  });
});
