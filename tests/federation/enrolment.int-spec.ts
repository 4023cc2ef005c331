import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EnrolmentClientError,
  EnrolmentRule,
  fetchEnrolment,
  initNodeKey,
  requestEnrolment,
} from '@govdata/federation-feature';
import {
  NodeCertificateProblem,
  NodePkiStore,
  PKI_FILES,
  readRevocationList,
  revocationChecker,
  splitPemBundle,
  verifyNodeChain,
} from '@govdata/federation-pki';
import { problemCodesOf } from '@govdata/platform-service';
import { startFederationNode, type FederationNode } from './federation-harness.js';

describe('federation enrolment, registry and revocation (national 100000 → Jiangxi 360000)', () => {
  let national: FederationNode;
  let province: FederationNode;
  let operator: string;
  let plainUser: string;
  let nationalRoot: string;

  beforeAll(async () => {
    national = await startFederationNode();
    const root = await initNodeKey(national.config);
    expect(root.national).toBe(true);
    nationalRoot = await readFile(join(national.config.node.dataDir, 'pki', PKI_FILES.root), 'utf8');
    province = await startFederationNode({
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: {
          code: '100000',
          gateway: national.gateway.httpUrl,
          federation: `127.0.0.1:${national.config.services.federation.grpc}`,
        },
      },
    });
    operator = await national.token(['operator'], 'user:ops@100000');
    plainUser = await national.token(['catalog-editor']);
  });

  afterAll(async () => {
    await province?.close();
    await national?.close();
  });

  async function issueToken(childCode: string, childName = '江西省政务数据共享平台', level = 'provincial') {
    const issued = await national.api('POST', '/api/v1/federation/enrolment-tokens', {
      token: operator,
      body: { childCode, childName, level },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    return issued.body as { id: string; token: string; childCode: string; expiresAt: string };
  }

  it('refuses a CSR for another code than the token names (422 csr/code-mismatch) and keeps the token', async () => {
    const token = await issueToken('360000');
    const guangdong = new NodePkiStore(await mkdtemp(join(tmpdir(), 'govdata-440000-')));
    const { csrPem } = await guangdong.init({ code: '440000', name: '广东省政务数据共享平台' });
    const refused = await national.api('POST', '/api/v1/federation/enrolments', {
      body: { token: token.token, csr: csrPem },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'csr', rule: 'code-mismatch' })]);
    const unused = await national.sql<{ used_at: Date | null }>('SELECT used_at FROM enrolment_token WHERE id = $1', [
      token.id,
    ]);
    expect(unused[0]!.used_at).toBeNull();
  });

  it('enrols a province over HTTP: token → CSR → approve → install; the chain verifies to the national root', async () => {
    const token = await issueToken('360000');
    expect(token.token).toMatch(/^gdenrol_/);
    expect(new Date(token.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    // Only the hash is stored.
    const stored = await national.sql<{ token_hash: string }>('SELECT token_hash FROM enrolment_token WHERE id = $1', [
      token.id,
    ]);
    expect(stored[0]!.token_hash).not.toContain(token.token);

    const init = await initNodeKey(province.config);
    expect(init.national).toBe(false);
    if (!init.national) expect(await readFile(init.csrPath, 'utf8')).toContain('CERTIFICATE REQUEST');
    expect(
      (await province.api('GET', '/api/v1/federation/node', { token: await province.token([]) })).body,
    ).toMatchObject({ code: '360000', certificate: 'requested', parentCode: '100000' });

    const local = await requestEnrolment(province.config, token.token);
    expect(local.parentCode).toBe('100000');

    const pendingChildren = await national.api('GET', '/api/v1/federation/children', { token: operator });
    expect(pendingChildren.body.items).toEqual([
      expect.objectContaining({ code: '360000', status: 'pending', certificateSerial: null }),
    ]);
    expect(await fetchEnrolment(province.config)).toMatchObject({ status: 'pending', installed: null });

    const pending = await national.api('GET', '/api/v1/federation/enrolments?status=pending', { token: operator });
    expect(pending.body.items.map((e: { id: string }) => e.id)).toEqual([local.id]);

    const approved = await national.api('POST', `/api/v1/federation/enrolments/${local.id}/approve`, {
      token: operator,
      body: {},
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', childCode: '360000', decidedBy: 'user:ops@100000' });
    // Approving twice is a conflict, not a second certificate.
    expect(
      (await national.api('POST', `/api/v1/federation/enrolments/${local.id}/approve`, { token: operator, body: {} }))
        .status,
    ).toBe(409);

    const fetched = await fetchEnrolment(province.config);
    expect(fetched.status).toBe('approved');
    expect(fetched.installed).toMatchObject({ serial: approved.body.certificateSerial, issuerCode: '100000' });

    const identity = await new NodePkiStore(province.config.node.dataDir).loadTlsIdentity();
    const [leaf, ...chain] = splitPemBundle(identity.certificateChainPem);
    const verified = await verifyNodeChain(leaf!, chain, nationalRoot, { expectedCode: '360000' });
    expect(verified).toMatchObject({ code: '360000', level: 'provincial', issuerCode: '100000' });
    expect(verified.path).toEqual(['360000', '100000']);

    const own = await province.api('GET', '/api/v1/federation/node', { token: await province.token([]) });
    expect(own.body).toMatchObject({
      code: '360000',
      certificate: 'valid',
      certificateSerial: verified.serial,
      issuerCode: '100000',
      parentCode: '100000',
      renewalDue: false,
    });
    expect(new Date(own.body.renewalDueAt).getTime()).toBeLessThan(new Date(own.body.notAfter).getTime());

    const children = await national.api('GET', '/api/v1/federation/children', { token: operator });
    expect(children.body.items).toEqual([
      expect.objectContaining({
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        status: 'active',
        certificateSerial: verified.serial,
        notAfter: verified.notAfter.toISOString(),
        renewalDue: false,
        // No links yet: never made up.
        lastSeenAt: null,
        lagSeconds: null,
        softwareVersion: null,
      }),
    ]);

    // The token was used once; a second request with it is refused.
    const reuse = await requestEnrolment(province.config, token.token).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(EnrolmentClientError);
    expect((reuse as EnrolmentClientError).status).toBe(401);
    const again = await national.api('POST', '/api/v1/federation/enrolments', {
      body: { token: token.token, csr: await readFile(init.national ? '' : init.csrPath, 'utf8') },
    });
    expect(again.status).toBe(401);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'token', rule: 'unused' })]);

    // An active child gets no new enrolment token.
    const active = await national.api('POST', '/api/v1/federation/enrolment-tokens', {
      token: operator,
      body: { childCode: '360000', childName: '江西省', level: 'provincial' },
    });
    expect(active.status).toBe(409);

    // The answer is only for the holder of the token.
    const stranger = await national.api(
      'GET',
      `/api/v1/federation/enrolments/${local.id}?token=gdenrol_not-the-right-one`,
    );
    expect(stranger.status).toBe(404);
  });

  it('names the field and rule of every bad input', async () => {
    const cases: Array<[string, string, unknown, number, string, string]> = [
      [
        'POST',
        '/api/v1/federation/enrolment-tokens',
        { childCode: 'abc', childName: 'x', level: 'provincial' },
        400,
        'childCode',
        'invalid_format',
      ],
      [
        'POST',
        '/api/v1/federation/enrolment-tokens',
        { childCode: '360000', childName: 'x', level: 'municipal' },
        422,
        'level',
        'level-of-code',
      ],
      [
        'POST',
        '/api/v1/federation/enrolment-tokens',
        { childCode: '360100', childName: '南昌市', level: 'municipal' },
        422,
        'childCode',
        'subtree',
      ],
      [
        'POST',
        '/api/v1/federation/enrolments',
        { token: 'gdenrol_0123456789abcdef', csr: 'CERTIFICATE REQUEST but no PEM' },
        400,
        'csr',
        NodeCertificateProblem.Malformed,
      ],
      ['POST', '/api/v1/federation/enrolments', { token: 'gdenrol_0123456789abcdef' }, 400, 'csr', 'invalid_type'],
      ['POST', '/api/v1/federation/enrolments/not-a-uuid/approve', {}, 400, 'id', 'invalid_format'],
      ['POST', '/api/v1/federation/children/360000/revoke', { reason: 'because' }, 400, 'reason', 'invalid_value'],
      ['GET', '/api/v1/federation/enrolments?status=maybe', undefined, 400, 'status', 'invalid_value'],
    ];
    for (const [method, path, body, status, field, rule] of cases) {
      const response = await national.api(method, path, { token: operator, body });
      expect(response.status, `${method} ${path} ${JSON.stringify(response.body)}`).toBe(status);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field, rule })]));
    }
    const unknownToken = await national.api('POST', '/api/v1/federation/enrolments', {
      body: {
        token: 'gdenrol_never-issued-by-anyone',
        csr: (await new NodePkiStore(await mkdtemp(join(tmpdir(), 'g-'))).init({ code: '360000', name: 'x' })).csrPem,
      },
    });
    expect(unknownToken.status).toBe(401);
  });

  it('forbids the operator routes to a plain user (403)', async () => {
    const routes: Array<[string, string]> = [
      ['POST', '/api/v1/federation/enrolment-tokens'],
      ['GET', '/api/v1/federation/enrolments'],
      ['POST', '/api/v1/federation/enrolments/00000000-0000-4000-8000-000000000000/approve'],
      ['POST', '/api/v1/federation/enrolments/00000000-0000-4000-8000-000000000000/reject'],
      ['GET', '/api/v1/federation/children'],
      ['POST', '/api/v1/federation/children/360000/revoke'],
    ];
    for (const [method, path] of routes) {
      const response = await national.api(method, path, { token: plainUser, body: method === 'POST' ? {} : undefined });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await national.api('GET', '/api/v1/federation/children')).status).toBe(401);
  });

  it('revokes the province: the public CRL lists its serial, the registry says revoked, its chain fails', async () => {
    const [child] = (await national.api('GET', '/api/v1/federation/children', { token: operator })).body.items;
    expect(child.status).toBe('active');
    const before = await readRevocationList(
      (await national.api('GET', '/api/v1/federation/crl')).body as string,
      nationalRoot,
    );
    expect(before.isRevoked(child.certificateSerial)).toBe(false);

    const revoked = await national.api('POST', '/api/v1/federation/children/360000/revoke', {
      token: operator,
      body: { reason: 'key_compromise', note: '密钥泄露' },
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toMatchObject({ code: '360000', status: 'revoked', revokeReason: 'key_compromise' });
    expect(revoked.body.crlNumber).toBe(before.number + 1);

    const crl = await national.api('GET', '/api/v1/federation/crl');
    expect(crl.status).toBe(200);
    expect(crl.body).toContain('BEGIN X509 CRL');
    const list = await readRevocationList(crl.body as string, nationalRoot);
    expect(list.number).toBe(before.number + 1);
    expect(list.entries).toEqual([
      expect.objectContaining({ serial: child.certificateSerial, reason: 'key_compromise' }),
    ]);

    const children = await national.api('GET', '/api/v1/federation/children', { token: operator });
    expect(children.body.items).toEqual([expect.objectContaining({ code: '360000', status: 'revoked' })]);

    const identity = await new NodePkiStore(province.config.node.dataDir).loadTlsIdentity();
    const [leaf, ...chain] = splitPemBundle(identity.certificateChainPem);
    await expect(
      verifyNodeChain(leaf!, chain, nationalRoot, { revoked: revocationChecker(list) }),
    ).rejects.toMatchObject({ problem: NodeCertificateProblem.Revoked });

    // Revoking again is a conflict, not a second CRL entry.
    const twice = await national.api('POST', '/api/v1/federation/children/360000/revoke', {
      token: operator,
      body: { reason: 'key_compromise' },
    });
    expect(twice.status).toBe(409);
  });

  it('lists in its OpenAPI document the rule codes each enrolment write can answer a 422 with', async () => {
    const document = await national.api('GET', '/api/v1/federation/openapi.json');
    expect(document.status).toBe(200);
    const codes = problemCodesOf(document.body);
    expect(codes.get('POST /api/v1/federation/enrolment-tokens')).toEqual([
      EnrolmentRule.LevelOfCode,
      EnrolmentRule.Subtree,
    ]);
    expect(codes.get('POST /api/v1/federation/enrolments')).toEqual([EnrolmentRule.CodeMismatch]);
    expect(codes.get('POST /api/v1/federation/enrolments/{id}/approve')).toEqual([EnrolmentRule.Certified]);
    const listed = new Set([...codes.values()].flat());
    for (const rule of Object.values(EnrolmentRule)) expect(listed, rule).toContain(rule);
    const unprobed = document.body.paths['/api/v1/federation/enrolments/{id}/reject'].post;
    expect(unprobed['x-problem-codes']).toBeUndefined();
  });
});
