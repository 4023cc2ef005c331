import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKEN_AUDIENCE } from '@govdata/platform-auth';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { NodeSigningKey, signingKeyPath } from './node-signing-key.js';

// The node's key file on a real file system.
describe('NodeSigningKey', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'govdata-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates one ES256 key (0600, kid = RFC 7638 thumbprint) even when replicas start together, and loads it again', async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => NodeSigningKey.loadOrCreate(dataDir)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    const path = signingKeyPath(dataDir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    expect(stored).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: keys[0]!.kid, d: expect.any(String) });
    expect((await NodeSigningKey.loadOrCreate(dataDir)).kid).toBe(keys[0]!.kid);
    expect(keys[0]!.warning).toBeUndefined();
  });

  it('signs tokens its published keys verify, with the registered claims', async () => {
    const key = await NodeSigningKey.loadOrCreate(dataDir);
    const token = await key.sign({
      issuer: 'https://gw.example.gov.cn',
      subject: 'service:sa-1',
      claims: { kind: 'service', org: 'org-1', node: '360000', roles: ['api-consumer'] },
      expiresAt: new Date(Date.now() + 60_000),
    });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet({ keys: key.publicJwks() }), {
      issuer: 'https://gw.example.gov.cn',
      audience: TOKEN_AUDIENCE,
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: key.kid });
    expect(payload).toMatchObject({
      sub: 'service:sa-1',
      kind: 'service',
      org: 'org-1',
      node: '360000',
      roles: ['api-consumer'],
      jti: expect.any(String),
    });
    expect(key.publicJwks()[0]).not.toHaveProperty('d');
  });

  it('reports a key file others can read, and refuses one that is not an EC private key', async () => {
    await NodeSigningKey.loadOrCreate(dataDir);
    chmodSync(signingKeyPath(dataDir), 0o644);
    expect((await NodeSigningKey.loadOrCreate(dataDir)).warning).toEqual({
      path: signingKeyPath(dataDir),
      mode: '0644',
    });
    writeFileSync(signingKeyPath(dataDir), JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }));
    await expect(NodeSigningKey.loadOrCreate(dataDir)).rejects.toThrow(/EC P-256/);
  });
});
