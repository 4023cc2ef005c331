import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '@/stores/session.store.js';
import { answer, buttonWith, federationTestI18n } from '../federation-test-kit.js';
import NodePage from './node-page.vue';

const NODE = {
  code: '360100',
  name: '南昌市政务数据共享平台',
  level: 'municipal',
  parentCode: '360000',
  certificate: 'valid',
  certificateSerial: '7f3a',
  issuerCode: '360000',
  path: ['100000', '360000', '360100'],
  notBefore: '2026-12-01T00:00:00.000Z',
  notAfter: '2027-12-01T00:00:00.000Z',
  renewalDueAt: '2027-09-01T00:00:00.000Z',
  renewalDue: false,
};
const OWN = {
  node: '360100',
  parent: '360000',
  link: 'down',
  antiEntropySeconds: 3600,
  lastComparison: null,
  lastError: null,
  roots: { sent: [], held: [] },
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function mountAs(roles: string[], answers: Record<string, () => Response>) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url, 'http://portal').pathname;
      calls.push(`${request.method} ${path}`);
      const respond = answers[`${request.method} ${path}`];
      return respond ? respond() : answer(404, { code: 'not_found' });
    }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.me = {
    principal: { subject: 'u1', kind: 'user', organisationId: 'o1', nodeCode: '360100', roles, authority: true },
    user: null,
    organisation: null,
  };
  session.node = { code: '360100', name: '南昌市政务数据共享平台', level: 'municipal', parent: '360000', services: {} };
  const wrapper = mount(NodePage, { global: { plugins: [federationTestI18n(), pinia] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, calls };
}

describe('NodePage', () => {
  it('says the link to the parent is down when renewing is refused with 409', async () => {
    const { calls } = await mountAs(['operator'], {
      'GET /api/v1/federation/node': () => answer(200, NODE),
      'GET /api/v1/federation/anti-entropy': () => answer(200, OWN),
      'GET /api/v1/federation/standards': () => answer(200, { parent: '360000', appliedSeq: 4, items: [] }),
      'POST /api/v1/federation/node/renew': () =>
        answer(409, { code: 'conflict', status: 409, detail: 'the link to the parent 360000 is not up' }),
    });
    expect(document.body.textContent).toContain('7f3a');
    expect(document.body.textContent).toContain('已断开');
    buttonWith('立即续期').click();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="alert"]')?.textContent).toContain('与上级节点的连接未建立'),
    );
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('the link to the parent 360000 is not up');
    expect(calls).toContain('POST /api/v1/federation/node/renew');
  }, 20_000);

  it('runs anti-entropy now and shows what it found', async () => {
    await mountAs(['operator'], {
      'GET /api/v1/federation/node': () => answer(200, NODE),
      'GET /api/v1/federation/anti-entropy': () => answer(200, { ...OWN, link: 'up' }),
      'GET /api/v1/federation/standards': () => answer(200, { parent: '360000', appliedSeq: 4, items: [] }),
      'POST /api/v1/federation/anti-entropy/run': () =>
        answer(200, {
          sessionId: 's1',
          startedAt: '2026-12-07T08:00:00.000Z',
          finishedAt: '2026-12-07T08:00:01.000Z',
          roundTrips: 3,
          sets: [
            {
              origin: '360100',
              childRoot: { digest: 'aa', count: 5 },
              parentRoot: { digest: 'bb', count: 3 },
              inSyncBefore: false,
              parentRootAfter: { digest: 'aa', count: 5 },
              divergence: { missing: 2, behind: 0, corrupted: 0, orphaned: 0, ahead: 0 },
            },
          ],
          sent: 2,
          applied: 2,
          removed: 0,
          verified: true,
        }),
    });
    buttonWith('立即反熵校验').click();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="status"]')?.textContent).toContain('校验完成：1 个数据集，补发 2 条'),
    );
    expect(document.querySelector('[role="status"]')?.textContent).toContain('缺失 2');
  }, 20_000);

  it('offers neither action to an auditor, who only reads', async () => {
    await mountAs(['auditor'], {
      'GET /api/v1/federation/node': () => answer(200, NODE),
      'GET /api/v1/federation/anti-entropy': () => answer(200, OWN),
      'GET /api/v1/federation/standards': () => answer(200, { parent: '360000', appliedSeq: 4, items: [] }),
    });
    expect(document.body.textContent).toContain('7f3a');
    expect([...document.querySelectorAll('button')].map((b) => b.textContent?.trim())).not.toContain('立即续期');
    expect(document.body.textContent).not.toContain('立即反熵校验');
  }, 20_000);
});
