import { describe, expect, it } from 'vitest';
import { ApiError } from '@govdata/web-ui';
import { createOpenPeopleApi } from './open-people-api.js';

describe('the open portal’s people client', () => {
  it('sends the anti-CSRF header with every state-changing request and the cookie of this origin only', async () => {
    const seen: Array<{ path: string; init: RequestInit }> = [];
    const api = createOpenPeopleApi(async (path, init) => {
      seen.push({ path, init: init! });
      return init?.method === 'DELETE' ? new Response(null, { status: 204 }) : new Response('{}', { status: 200 });
    });
    await api.me();
    await api.signIn('13800138000', 'secret');
    await api.revokeApiKey('k 1');
    expect(seen.map((s) => [s.init.method, s.path])).toEqual([
      ['GET', '/api/v1/open-data/me'],
      ['POST', '/api/v1/open-data/session'],
      ['DELETE', '/api/v1/open-data/me/api-keys/k%201'],
    ]);
    expect(new Headers(seen[0]!.init.headers).get('X-Requested-With')).toBeNull();
    for (const s of seen.slice(1)) {
      expect(new Headers(s.init.headers).get('X-Requested-With')).toBe('govdata-open-portal');
      expect(s.init.credentials).toBe('same-origin');
    }
  });

  it('applies for a dataset, signs the agreement by its sha256 and withdraws, as the signed-in person', async () => {
    const seen: Array<{ path: string; init: RequestInit }> = [];
    const api = createOpenPeopleApi(async (path, init) => {
      seen.push({ path, init: init! });
      return new Response('{"items":[]}', { status: 200 });
    });
    const request = {
      purpose: '研究本市中小企业的行业分布',
      scenario: '高校课题组内部统计分析',
      fields: ['单位名称'],
      commitments: ['purpose-only'],
      validUntil: '2027-06-30',
    };
    await api.apply('d 1', request);
    await api.applications();
    await api.application('a1');
    await api.signAgreement('a1', 'f'.repeat(64));
    await api.withdrawApplication('a1');
    expect(seen.map((s) => [s.init.method, s.path])).toEqual([
      ['POST', '/api/v1/open-data/datasets/d%201/applications'],
      ['GET', '/api/v1/open-data/me/applications'],
      ['GET', '/api/v1/open-data/me/applications/a1'],
      ['POST', '/api/v1/open-data/me/applications/a1/signature'],
      ['POST', '/api/v1/open-data/me/applications/a1/withdrawal'],
    ]);
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual(request);
    expect(JSON.parse(seen[3]!.init.body as string)).toEqual({ agreementSha256: 'f'.repeat(64) });
    for (const s of seen.filter((s) => s.init.method === 'POST')) {
      expect(new Headers(s.init.headers).get('X-Requested-With')).toBe('govdata-open-portal');
    }
  });

  it('asks for data and reports an error as the signed-in person, and lists both', async () => {
    const seen: Array<{ path: string; init: RequestInit }> = [];
    const api = createOpenPeopleApi(async (path, init) => {
      seen.push({ path, init: init! });
      return new Response('{"items":[]}', { status: 200 });
    });
    await api.submitDemand({ title: '公交到站数据', description: '希望开放公交车辆实时到站数据，用于出行应用' });
    await api.demands();
    await api.reportError('d 1', { item: '行业', description: '示例企业1 的行业应为批发业' });
    await api.errorReports();
    expect(seen.map((s) => [s.init.method, s.path])).toEqual([
      ['POST', '/api/v1/open-data/demands'],
      ['GET', '/api/v1/open-data/me/demands'],
      ['POST', '/api/v1/open-data/datasets/d%201/error-reports'],
      ['GET', '/api/v1/open-data/me/error-reports'],
    ]);
    expect(JSON.parse(seen[2]!.init.body as string)).toEqual({
      item: '行业',
      description: '示例企业1 的行业应为批发业',
    });
    for (const s of seen.filter((s) => s.init.method === 'POST')) {
      expect(new Headers(s.init.headers).get('X-Requested-With')).toBe('govdata-open-portal');
      expect(s.init.credentials).toBe('same-origin');
    }
  });

  it('rejects with the problem and its field errors', async () => {
    const problem = {
      status: 400,
      code: 'validation_failed',
      errors: [{ path: 'code', rule: 'code-wrong', message: '验证码不正确' }],
    };
    const api = createOpenPeopleApi(async () => new Response(JSON.stringify(problem), { status: 400 }));
    const error = await api.verify('13800138000', '000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem.errors).toEqual(problem.errors);
  });

  it('rates, comments and submits showcases as the signed-in person, each change with the anti-CSRF header', async () => {
    const seen: Array<{ path: string; init: RequestInit }> = [];
    const api = createOpenPeopleApi(async (path, init) => {
      seen.push({ path, init: init! });
      return init?.method === 'DELETE' && path.includes('/me/comments/')
        ? new Response(null, { status: 204 })
        : new Response('{"items":[]}', { status: 200 });
    });
    await api.rate('d 1', 4);
    await api.unrate('d 1');
    await api.comment('d 1', '数据很及时');
    await api.comments();
    await api.deleteComment('c 1');
    await api.submitShowcase({
      title: 't',
      description: 'd',
      kind: 'app',
      url: 'https://x.example',
      datasetIds: ['d1'],
    });
    await api.showcases();
    expect(seen.map((s) => [s.init.method, s.path, s.init.body])).toEqual([
      ['PUT', '/api/v1/open-data/datasets/d%201/rating', '{"score":4}'],
      ['DELETE', '/api/v1/open-data/datasets/d%201/rating', undefined],
      ['POST', '/api/v1/open-data/datasets/d%201/comments', '{"text":"数据很及时"}'],
      ['GET', '/api/v1/open-data/me/comments', undefined],
      ['DELETE', '/api/v1/open-data/me/comments/c%201', undefined],
      [
        'POST',
        '/api/v1/open-data/showcases',
        '{"title":"t","description":"d","kind":"app","url":"https://x.example","datasetIds":["d1"]}',
      ],
      ['GET', '/api/v1/open-data/me/showcases', undefined],
    ]);
    for (const s of seen.filter((s) => s.init.method !== 'GET')) {
      expect(new Headers(s.init.headers).get('X-Requested-With')).toBe('govdata-open-portal');
    }
  });
});
