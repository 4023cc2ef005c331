import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ShowcaseView } from '@/api/open-data-types.js';
import type { MeView } from '@/api/open-people-api.js';
import { useOpenAccount } from '@/composables/use-open-account.js';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import ShowcasesPage from './showcases-page.vue';

const DATASET_ID = '7a1d6c2e-0000-4000-8000-000000000001';
const SHOWCASE: ShowcaseView = {
  id: 's1',
  title: '公交到站查询',
  description: '用公交线路数据做的到站查询小程序',
  kind: 'mini-program',
  kindLabel: { zh: '小程序', en: 'Mini program' },
  url: 'https://bus.example/app',
  datasets: [{ id: DATASET_ID, name: '公交线路', nodeCode: '360000' }],
  submitter: { kind: 'person', name: '张某' },
  approvedAt: '2026-12-02T01:00:00.000Z',
};

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function open(path: string, me: MeView | null) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      if (url.endsWith('/me')) return me ? answer(200, me) : answer(401, { code: 'unauthenticated' });
      if (url.startsWith('/api/v1/open-data/showcases')) return answer(200, { items: [SHOWCASE], next: null });
      return answer(200, { id: DATASET_ID, name: '公交线路' });
    }),
  );
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', component: ShowcasesPage }],
  });
  await router.push(path);
  mount(
    { template: '<RouterView />' },
    { global: { plugins: [createOpenPortalI18n('zh-CN'), router] }, attachTo: document.body },
  );
  await flushPromises();
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
  useOpenAccount().me.value = null;
  useOpenAccount().known.value = false;
  document.body.innerHTML = '';
});

describe('the showcases page', () => {
  it('lists approved showcases, each link opening in a new tab without the opener, filtered by ?datasetId', async () => {
    const asked = await open(`/showcases?datasetId=${DATASET_ID}`, null);
    expect(asked).toContain(`/api/v1/open-data/showcases?datasetId=${DATASET_ID}`);
    const link = document.querySelector('a[href="https://bus.example/app"]')!;
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    const text = document.body.textContent ?? '';
    expect(text).toContain('提交者：张某');
    expect(text).toContain('使用“公交线路”的成果。');
    expect(document.querySelector(`a[href="/datasets/${DATASET_ID}"]`)).not.toBeNull();
    expect(text).toContain('提交成果需要先登录');
  });

  it('asks a signed-in person without 实名认证 to complete it before submitting', async () => {
    await open('/showcases', { id: 'a1', realName: null } as unknown as MeView);
    expect(document.body.textContent).toContain('提交成果需要先完成实名认证');
    expect(document.querySelector('a[href="/account/real-name"]')).not.toBeNull();
  });
});
