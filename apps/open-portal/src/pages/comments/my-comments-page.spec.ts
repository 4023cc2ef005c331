import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { OwnCommentView } from '@/api/open-data-types.js';
import { useOpenAccount } from '@/composables/use-open-account.js';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import MyCommentsPage from './my-comments-page.vue';

const HIDDEN: OwnCommentView = {
  id: 'c1',
  datasetId: 'd1',
  author: '138****0000',
  text: '广告：代开发票',
  createdAt: '2026-12-07T08:30:00.000Z',
  dataset: { id: 'd1', name: '公交线路' },
  hidden: { at: '2026-12-08T01:00:00.000Z', reason: '与数据无关的广告' },
};

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  useOpenAccount().me.value = null;
  document.body.innerHTML = '';
});

describe('我的评论', () => {
  it('shows a hidden comment with the reason, and deletes it with the anti-CSRF header', async () => {
    const sent: Array<{ method: string; url: string; headers: Headers }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        sent.push({ method: init?.method ?? 'GET', url, headers: new Headers(init?.headers) });
        if (url.endsWith('/me')) return answer(200, { id: 'a1', realName: null });
        if (init?.method === 'DELETE') return new Response(null, { status: 204 });
        return answer(200, { items: [HIDDEN] });
      }),
    );
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:rest(.*)*', component: MyCommentsPage }],
    });
    await router.push('/account/comments');
    mount(
      { template: '<RouterView />' },
      { global: { plugins: [createOpenPortalI18n('zh-CN'), router] }, attachTo: document.body },
    );
    await flushPromises();
    expect(document.body.textContent).toContain('2026-12-08 被隐藏，理由：与数据无关的广告');

    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '删除')!.click();
    await flushPromises();
    const confirm = await vi.waitFor(() => {
      const button = [...document.querySelectorAll('.el-popconfirm__action button')].find(
        (b) => b.textContent?.trim() === '删除',
      );
      if (!button) throw new Error('the confirmation is not shown yet');
      return button as HTMLButtonElement;
    });
    confirm.click();
    await flushPromises();
    const deletion = sent.find((s) => s.method === 'DELETE')!;
    expect(deletion.url).toBe('/api/v1/open-data/me/comments/c1');
    expect(deletion.headers.get('X-Requested-With')).toBe('govdata-open-portal');
    expect(document.body.textContent).not.toContain('广告：代开发票');
  });
});
