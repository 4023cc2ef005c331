import { ApiError } from '@govdata/web-ui';
import { describe, expect, it, vi } from 'vitest';
import { createPortalApi } from './portal-api.js';

const problem = (status: number, body: object) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('createPortalApi', () => {
  it('sends the CSRF header with the session cookie on every request', async () => {
    const seen: Request[] = [];
    const api = createPortalApi({
      onSignedOut: vi.fn(),
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ code: '360100' });
      },
    });
    await api.POST('/api/v1/catalog/entries/{idOrCode}/submit', { params: { path: { idOrCode: 'e1' } } });
    expect(seen[0]!.headers.get('X-Requested-With')).toBe('govdata-portal');
    expect(seen[0]!.credentials).toBe('same-origin');
  });

  it('rejects with the problem and the service that answered; a 401 signs out', async () => {
    const onSignedOut = vi.fn();
    const answers = [
      problem(503, { code: 'unavailable', detail: 'the catalog service of this node cannot be reached' }),
      problem(401, { code: 'unauthenticated' }),
    ];
    const api = createPortalApi({ onSignedOut, fetch: async () => answers.shift()! });

    const down = await api.GET('/api/v1/catalog/statistics').catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ApiError);
    expect(down).toMatchObject({ status: 503, service: 'catalog', problem: { code: 'unavailable' } });
    expect(onSignedOut).not.toHaveBeenCalled();

    const signedOut = await api.GET('/api/v1/me').catch((e: unknown) => e);
    expect(signedOut).toMatchObject({ status: 401, service: 'gateway' });
    expect(onSignedOut).toHaveBeenCalledOnce();
  });

  it('turns a failed connection into an "unreachable" error naming the service', async () => {
    const api = createPortalApi({
      onSignedOut: vi.fn(),
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const error = await api.GET('/api/v1/federation/children').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, service: 'federation' });
  });
});
