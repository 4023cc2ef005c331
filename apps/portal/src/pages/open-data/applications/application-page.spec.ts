import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import { webUiMessagesEn, webUiMessagesZh } from '@govdata/web-ui';
import type { ReviewApplicationView } from '@/api/types/open-data.js';
import zh from '@/i18n/locales/zh-CN.json';
import { useSessionStore } from '@/stores/session.store.js';
import openDataZh from '../locales/zh-CN.json';
import ApplicationPage from './application-page.vue';

const SUBMITTED: ReviewApplicationView = {
  id: '0b7c6a4e-5d1f-4c3b-9a2e-00000000000a',
  dataset: { id: 'd1', name: '中小企业登记信息', providerName: '江西省公安厅', nodeCode: '360000' },
  state: 'submitted',
  stateLabel: { zh: '待审核', en: 'Awaiting the department’s review' },
  purpose: '研究本市中小企业的行业分布',
  scenario: '高校课题组内部统计分析',
  fields: ['单位名称', '行业'],
  commitments: [{ code: 'purpose-only', zh: '仅将数据用于申请所述的用途和应用场景' }],
  validUntil: '2027-06-30',
  due: '2026-12-01',
  dueProvisional: false,
  submittedAt: '2026-11-17T01:00:00.000Z',
  decidedAt: null,
  decisionNote: null,
  grantedFields: null,
  grantedUntil: null,
  agreement: null,
  endedAt: null,
  endedBy: null,
  endedReason: null,
  organisationId: 'o1',
  applicant: { kind: 'company', name: '示例科技有限公司', idMasked: '9131************7T' },
  decidedBy: null,
  overdue: true,
};
const ACTIVE: ReviewApplicationView = {
  ...SUBMITTED,
  state: 'active',
  stateLabel: { zh: '使用中', en: 'In force' },
  decidedAt: '2026-11-20T01:00:00.000Z',
  decidedBy: '张审核',
  decisionNote: '成果发表前须经本部门审阅',
  grantedFields: ['单位名称'],
  grantedUntil: '2027-03-31',
  agreement: { text: '公共数据有条件开放使用协议\n\n二、开放字段：单位名称。', sha256: 'a'.repeat(64), signedAt: null },
  overdue: false,
};

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

async function open(application: ReviewApplicationView, roles: string[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => answer(200, application)),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.me = {
    principal: { subject: 'u1', kind: 'user', organisationId: 'o1', nodeCode: '360000', roles },
    user: null,
    organisation: null,
  };
  session.node = { code: '360000', name: '江西省政务数据共享平台', level: 'provincial', parent: null, services: {} };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/open-data/applications/:id', component: { template: '<div />' } }],
  });
  await router.push(`/open-data/applications/${application.id}`);
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { ...webUiMessagesZh, ...zh, openData: openDataZh }, en: { ...webUiMessagesEn } },
  });
  mount(ApplicationPage, {
    props: { id: application.id },
    global: { plugins: [i18n, router, pinia] },
    attachTo: document.body,
  });
  await flushPromises();
}

const buttons = () => [...document.querySelectorAll('button')].map((b) => b.textContent?.trim());

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the application page', () => {
  it('shows who applied as verified, marks it overdue, and offers the decision to the providing department', async () => {
    await open(SUBMITTED, ['provider-reviewer']);
    const text = document.body.textContent ?? '';
    expect(text).toContain('示例科技有限公司（企业或机构，9131************7T）');
    expect(text).toContain('仅将数据用于申请所述的用途和应用场景');
    expect(document.querySelector('.working-day-date--overdue')?.textContent?.trim()).toBe('2026-12-01');
    expect(buttons()).toEqual(expect.arrayContaining(['批准', '不予批准']));
    expect(buttons()).not.toContain('终止使用');
  });

  it('offers no decision to the authority’s auditor, who may only read', async () => {
    await open(SUBMITTED, ['auditor']);
    expect(buttons()).not.toContain('批准');
    expect(buttons()).not.toContain('不予批准');
  });

  it('shows the grant, its conditions and the agreement in full, and offers 终止使用 while it is in force', async () => {
    await open(ACTIVE, ['data-admin']);
    const text = document.body.textContent ?? '';
    expect(text).toContain('成果发表前须经本部门审阅');
    expect(document.querySelector('pre')?.textContent).toBe('公共数据有条件开放使用协议\n\n二、开放字段：单位名称。');
    expect(buttons()).toContain('终止使用');
    expect(buttons()).not.toContain('批准');
  });
});
