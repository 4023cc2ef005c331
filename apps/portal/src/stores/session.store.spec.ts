import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPortalApi } from '../api/portal-api.js';
import { useSessionStore } from './session.store.js';

const ME = {
  principal: {
    subject: 'u1',
    kind: 'user',
    organisationId: 'o1',
    nodeCode: '360100',
    roles: ['catalog-reviewer'],
    authority: true,
  },
  user: { id: 'u1', username: 'reviewer', displayName: '李审核', roles: ['catalog-reviewer'], grants: [] },
  organisation: { id: 'o1', name: '南昌市数据管理局', uscc: '11360100MB0000000X', isRoot: true },
};
const NODE = { code: '360100', name: '南昌市政务数据共享平台', level: 'municipal', parent: '360000', services: {} };

function apiAnswering(answers: Record<string, () => Response>) {
  const fetch = vi.fn(async (request: Request) => answers[new URL(request.url, 'http://portal').pathname]!());
  return { api: createPortalApi({ onSignedOut: vi.fn(), fetch }), fetch };
}

describe('session store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the person and the node once, and decides what they may open', async () => {
    const { api, fetch } = apiAnswering({
      '/api/v1/me': () => Response.json(ME),
      '/api/v1/node': () => Response.json(NODE),
    });
    const session = useSessionStore();
    await Promise.all([session.load(api), session.load(api)]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(session.displayName).toBe('李审核');
    expect(session.organisationName).toBe('南昌市数据管理局');
    expect(session.may('catalog.entry.review')).toBe(true);
    expect(session.may('federation.registry.read')).toBe(false);
    expect(session.menu.map((m) => m.key)).toEqual(['home', 'catalog', 'exchange']);
  });

  it('may load again after a failure', async () => {
    let up = false;
    const { api } = apiAnswering({
      '/api/v1/me': () => (up ? Response.json(ME) : Response.json({ code: 'unavailable' }, { status: 503 })),
      '/api/v1/node': () => Response.json(NODE),
    });
    const session = useSessionStore();
    await expect(session.load(api)).rejects.toMatchObject({ status: 503 });
    up = true;
    await session.load(api);
    expect(session.me?.principal.subject).toBe('u1');
  });
});
