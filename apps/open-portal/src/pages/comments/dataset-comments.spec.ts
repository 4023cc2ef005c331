import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { CommentView } from '@/api/open-data-types.js';
import { useOpenAccount } from '@/composables/use-open-account.js';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import DatasetComments from './dataset-comments.vue';

const comment = (n: number): CommentView => ({
  id: `c${n}`,
  datasetId: 'd1',
  author: '138****0000',
  text: `评论 ${n}`,
  createdAt: '2026-12-07T08:30:00.000Z',
});

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('DatasetComments', () => {
  it('lists the comments, loads older ones on 加载更多, and asks the anonymous to sign in to comment', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        asked.push(url);
        return url.includes('after=')
          ? answer(200, { items: [comment(2)], next: null })
          : answer(200, { items: [comment(1)], next: 'cursor-1' });
      }),
    );
    useOpenAccount().me.value = null;
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: {} }] });
    const wrapper = mount(DatasetComments, {
      props: { datasetId: 'd1' },
      global: { plugins: [createOpenPortalI18n('zh-CN'), router] },
      attachTo: document.body,
    });
    await flushPromises();
    expect(wrapper.text()).toContain('发表评论需要先登录');
    expect(wrapper.find('#comment-text').exists()).toBe(false);
    expect(wrapper.findAll('li')).toHaveLength(1);

    await wrapper
      .findAll('button')
      .find((b) => b.text() === '加载更多')!
      .trigger('click');
    await flushPromises();
    expect(asked).toEqual([
      '/api/v1/open-data/datasets/d1/comments',
      '/api/v1/open-data/datasets/d1/comments?after=cursor-1',
    ]);
    expect(wrapper.findAll('li').map((li) => li.find('p').text())).toEqual(['评论 1', '评论 2']);
    expect(wrapper.findAll('button').some((b) => b.text() === '加载更多')).toBe(false);
  });
});
