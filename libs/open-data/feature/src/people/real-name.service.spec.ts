import { afterEach, vi } from 'vitest';
import type { OpenAccount, RealName } from './open-account.js';
import { RealNameService } from './real-name.service.js';

const account: OpenAccount = {
  id: 'a1',
  channel: 'email',
  identifier: 'x@example.cn',
  passwordHash: '',
  verifiedAt: '2026-12-01T00:00:00.000Z',
  createdAt: '2026-12-01T00:00:00.000Z',
  realName: null,
};

/** A repository that records what would be stored. */
function repository() {
  const stored: Array<Omit<RealName, 'verifiedAt'>> = [];
  return {
    stored,
    recordRealName: (_m: unknown, _id: string, r: Omit<RealName, 'verifiedAt'>) => {
      stored.push(r);
      return Promise.resolve(true);
    },
    findById: () => Promise.resolve({ ...account, realName: { ...stored[0]!, verifiedAt: 'now' } }),
  };
}

const logger = { info: () => undefined, warn: () => undefined } as never;
const dataSource = { manager: {} } as never;
const configWith = (realName?: object) =>
  ({ openData: realName ? { realName } : undefined, services: { gateway: { http: 8080 } } }) as never;
const exchange = {
  grantId: '0b7f6a52-6c0f-4d3e-9a55-0d5c8f3f7b10',
  operationPath: '/verify',
  clientId: 'open-data-real-name',
  clientSecret: 'a-secret-of-sixteen-chars',
  gatewayUrl: 'http://gateway.test',
};

describe('实名认证', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('records a company by its credit code’s check digit and refuses a wrong one naming creditCode', async () => {
    const repo = repository();
    const service = new RealNameService(dataSource, repo as never, configWith(), logger);
    await expect(
      service.verify(account, { kind: 'company', name: '示例', creditCode: '91310110666007217A' }),
    ).rejects.toMatchObject({ fields: [{ path: 'creditCode', rule: 'uscc' }] });
    await service.verify(account, { kind: 'company', name: '示例', creditCode: '91310110666007217t' });
    expect(repo.stored).toEqual([
      { kind: 'company', name: '示例', idMasked: '91310110666007217T', method: 'uscc-check-digit' },
    ]);
  });

  it('answers 503 for a person when the exchange call is not configured, and stores nothing', async () => {
    const repo = repository();
    const service = new RealNameService(dataSource, repo as never, configWith(), logger);
    await expect(
      service.verify(account, { kind: 'person', name: '张三', idNumber: '11010519491231002X' }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(repo.stored).toEqual([]);
  });

  it('asks the population data through the exchange (yes/no) and keeps only the masked number', async () => {
    const calls: Array<{ url: string; body: string; auth: string | null }> = [];
    let match = false;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      const headers = new Headers(init.headers);
      calls.push({ url, body: String(init.body), auth: headers.get('authorization') });
      const answer = url.endsWith('/auth/token') ? { access_token: 'tok' } : { match };
      return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
    });
    const repo = repository();
    const service = new RealNameService(dataSource, repo as never, configWith(exchange), logger);
    await expect(
      service.verify(account, { kind: 'person', name: '张三', idNumber: '11010519491231002X' }),
    ).rejects.toMatchObject({ fields: [{ path: 'idNumber', rule: 'not-confirmed' }] });
    match = true;
    await service.verify(account, { kind: 'person', name: '张三', idNumber: '11010519491231002x' });
    expect(calls[1]).toEqual({
      url: `http://gateway.test/api/v1/exchange/calls/${exchange.grantId}/verify`,
      body: JSON.stringify({ name: '张三', idNumber: '11010519491231002X' }),
      auth: 'Bearer tok',
    });
    expect(repo.stored).toEqual([
      { kind: 'person', name: '张三', idMasked: '110105********002X', method: 'population-exchange' },
    ]);
  });
});
