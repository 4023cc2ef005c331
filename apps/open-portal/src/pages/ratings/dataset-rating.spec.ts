import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { MeView } from '@/api/open-people-api.js';
import { useOpenAccount } from '@/composables/use-open-account.js';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import DatasetRating from './dataset-rating.vue';

const ME = { id: 'a1', identifier: '138****0000', realName: null } as unknown as MeView;

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function mountRating(signedIn: boolean) {
  useOpenAccount().me.value = signedIn ? ME : null;
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: {} }] });
  const wrapper = mount(DatasetRating, {
    props: { datasetId: 'd1', rating: { average: 4.5, count: 2 } },
    global: { plugins: [createOpenPortalI18n('zh-CN'), router] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

afterEach(() => {
  vi.unstubAllGlobals();
  useOpenAccount().me.value = null;
  document.body.innerHTML = '';
});

describe('DatasetRating', () => {
  it('shows the average and the count, and asks the anonymous to sign in to rate', async () => {
    const wrapper = await mountRating(false);
    expect(wrapper.text()).toContain('4.5 分（2 人评分）');
    expect(wrapper.text()).toContain('评分需要先登录');
    expect(wrapper.findAllComponents({ name: 'ElRate' })).toHaveLength(1);
  });

  it('rates with the anti-CSRF header, shows the new average, and takes the rating back', async () => {
    const sent: Array<{ method: string; url: string; headers: Headers; body: unknown }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        sent.push({
          method: init!.method!,
          url,
          headers: new Headers(init!.headers),
          body: init!.body ? JSON.parse(init!.body as string) : undefined,
        });
        if (init!.method === 'GET') return answer(200, { score: null, ratedAt: null });
        return init!.method === 'PUT'
          ? answer(200, { score: 3, ratedAt: '2026-12-08T00:00:00Z', rating: { average: 4, count: 3 } })
          : answer(200, { rating: { average: 4.5, count: 2 } });
      }),
    );
    const wrapper = await mountRating(true);
    // Never rated: nothing to take back yet.
    expect(sent.map((r) => `${r.method} ${r.url}`)).toContain('GET /api/v1/open-data/datasets/d1/rating');
    sent.length = 0;
    expect(wrapper.findAll('button').some((b) => b.text() === '取消评分')).toBe(false);
    const control = wrapper.findAllComponents({ name: 'ElRate' })[1]!;
    await control.findAll('.el-rate__item')[2]!.trigger('click');
    await flushPromises();
    expect(sent[0]).toMatchObject({ method: 'PUT', url: '/api/v1/open-data/datasets/d1/rating', body: { score: 3 } });
    expect(sent[0]!.headers.get('X-Requested-With')).toBe('govdata-open-portal');
    expect(wrapper.text()).toContain('4.0 分（3 人评分）');

    const withdraw = wrapper.findAll('button').find((b) => b.text() === '取消评分')!;
    await withdraw.trigger('click');
    await flushPromises();
    expect(sent[1]).toMatchObject({ method: 'DELETE', url: '/api/v1/open-data/datasets/d1/rating' });
    expect(sent[1]!.headers.get('X-Requested-With')).toBe('govdata-open-portal');
    expect(wrapper.text()).toContain('4.5 分（2 人评分）');
  });

  it('starts from the score the person gave before', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answer(200, { score: 4, ratedAt: '2026-12-01T00:00:00Z' })),
    );
    const wrapper = await mountRating(true);
    expect(wrapper.findAllComponents({ name: 'ElRate' })[1]!.props('modelValue')).toBe(4);
    expect(wrapper.findAll('button').some((b) => b.text() === '取消评分')).toBe(true);
  });
});
