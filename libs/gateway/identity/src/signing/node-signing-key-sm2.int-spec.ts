import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from '@govdata/platform-auth';
import { jwsHeader } from '@govdata/platform-crypto';
import type { JWK } from 'jose';
import { NodeSigningKey, signingKeyPath } from './node-signing-key.js';

// The token-signing key of a node on the 国密 profile, on a real file system, its tokens checked by
// the TokenVerifier every service uses against the keys the node publishes.
describe('NodeSigningKey under the sm profile', () => {
  let dataDir: string;
  let server: Server;
  let issuer: string;
  let published: JWK[] = [];

  beforeAll(async () => {
    server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'govdata-sm2-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const tokenOf = (key: NodeSigningKey) =>
    key.sign({
      issuer,
      subject: 'user-7',
      claims: { kind: 'user', org: 'org-1', node: '360000', roles: ['auditor'] },
      expiresAt: new Date(Date.now() + 60_000),
    });
  const verifier = () => new TokenVerifier([{ issuer, jwksUri: `${issuer}/.well-known/jwks.json` }]);

  it('creates one SM2 key (0600) and signs SM2SM3 tokens that its published keys verify', async () => {
    const keys = await Promise.all([1, 2, 3].map(() => NodeSigningKey.loadOrCreate(dataDir, 'sm')));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    const key = keys[0]!;
    expect(key.algorithm).toBe('SM2SM3');
    const path = signingKeyPath(dataDir, 'SM2SM3');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      kty: 'EC',
      crv: 'SM2',
      alg: 'SM2SM3',
      d: expect.any(String),
    });
    published = key.publicJwks();
    expect(published).toEqual([expect.objectContaining({ crv: 'SM2', alg: 'SM2SM3', kid: key.kid })]);
    expect(published[0]).not.toHaveProperty('d');
    const token = await tokenOf(key);
    expect(jwsHeader(token)).toEqual({ alg: 'SM2SM3', kid: key.kid, typ: 'at+jwt' });
    expect(await verifier().verify(token)).toMatchObject({
      subject: 'user-7',
      organisationId: 'org-1',
      roles: ['auditor'],
    });
  });

  it('after a change of profile publishes both keys, so tokens signed before the change still verify', async () => {
    const before = await NodeSigningKey.loadOrCreate(dataDir, 'international');
    const oldToken = await tokenOf(before);
    const after = await NodeSigningKey.loadOrCreate(dataDir, 'sm');
    published = after.publicJwks();
    expect(published.map((k) => k.alg)).toEqual(['SM2SM3', 'ES256']);
    const newToken = await tokenOf(after);
    const check = verifier();
    expect((await check.verify(oldToken)).subject).toBe('user-7');
    expect((await check.verify(newToken)).subject).toBe('user-7');
  });
});
