import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { DemandView } from '@/api/open-data-types.js';
import { createOpenPortalI18n } from '@/i18n/open-portal-i18n.js';
import DemandsPage from './demands-page.vue';

const ANSWERED: DemandView = {
  id: 'dm1',
  title: '公交车辆实时到站数据',
  description: '希望开放公交车辆实时到站数据，用于出行应用',
  domain: { code: 'transport', zh: '交通出行', en: 'Transport' },
  department: { organisationId: 'o1', name: '市交通运输局' },
  status: 'answered',
  statusLabel: '已答复',
  due: '2026-12-01',
  dueProvisional: false,
  overdue: false,
  submittedAt: '2026-11-17T01:00:00.000Z',
  answer: {
    outcome: 'will-open',
    outcomeLabel: '将予开放',
    text: '已列入明年开放计划',
    dataset: null,
    plannedBy: '2027-03-31',
    answeredAt: '2026-11-20T01:00:00.000Z',
  },
};
const UNROUTED: DemandView = {
  ...ANSWERED,
  id: 'dm2',
  title: '菜市场价格数据',
  department: null,
  status: 'open',
  statusLabel: '待答复',
  answer: null,
};

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the demands page', () => {
  it('lists demands with the department asked and the public answer, filters by status, and asks the anonymous to sign in', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        asked.push(url);
        if (url.endsWith('/me')) return answer(401, { code: 'unauthenticated' });
        return answer(200, { items: url.includes('status=answered') ? [ANSWERED] : [ANSWERED, UNROUTED], next: null });
      }),
    );
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:rest(.*)*', component: DemandsPage }],
    });
    await router.push('/demands');
    mount(
      { template: '<RouterView />' },
      { global: { plugins: [createOpenPortalI18n('zh-CN'), router] }, attachTo: document.body },
    );
    await flushPromises();
    const text = document.body.textContent ?? '';
    expect(text).toContain('征集部门：市交通运输局');
    expect(text).toContain('征集部门：待分派');
    expect(text).toContain('将予开放');
    expect(text).toContain('计划开放日期：2027-03-31');
    expect(text).toContain('提出需求需要先登录');
    expect(document.querySelectorAll('article')).toHaveLength(2);

    await router.push('/demands?status=answered');
    await flushPromises();
    expect(asked).toContain('/api/v1/open-data/demands?status=answered');
    expect(document.querySelectorAll('article')).toHaveLength(1);
  });
});
