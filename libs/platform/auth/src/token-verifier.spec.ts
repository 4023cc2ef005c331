import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GovdataError } from '@govdata/platform-errors';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { TOKEN_AUDIENCE } from './principal.js';
import { REVOCATION_CACHE_MS, TokenVerifier, type TokenRevocationCheck } from './token-verifier.js';

// The verifier against a real JWKS endpoint (a local HTTP server) and a revocation list it is given.
describe('TokenVerifier revocation', () => {
  let server: Server;
  let issuer: string;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (claims: { jti?: string; iat?: boolean } = {}) => {
    const jwt = new SignJWT({ kind: 'user', org: 'o1', node: '100000', roles: [] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject('u1')
      .setExpirationTime('10m');
    if (claims.iat !== false) jwt.setIssuedAt();
    if (claims.jti !== '') jwt.setJti(claims.jti ?? 'jti-1');
    return jwt.sign(privateKey);
  };
  const verifierWith = (check: TokenRevocationCheck) =>
    new TokenVerifier([{ issuer, jwksUri: `${issuer}/.well-known/jwks.json` }], check);
  const statusOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 200;
    } catch (error) {
      return (error as GovdataError).httpStatus;
    }
  };

  it('asks the revocation list about every token, with its issuer, subject, jti and iat', async () => {
    const asked: unknown[] = [];
    const verifier = verifierWith({ isRevoked: async (t) => (asked.push(t), false) });
    expect((await verifier.verify(await sign())).subject).toBe('u1');
    expect(asked).toEqual([{ issuer, subject: 'u1', jti: 'jti-1', issuedAt: expect.any(Number) }]);
  });

  it('refuses a revoked token with 401', async () => {
    const verifier = verifierWith({ isRevoked: async () => true });
    const error = await verifier.verify(await sign()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GovdataError);
    expect((error as GovdataError).httpStatus).toBe(401);
    expect((error as GovdataError).message).toContain('revoked');
  });

  it('fails closed with 503 when the revocation list cannot be read', async () => {
    const verifier = verifierWith({
      isRevoked: async () => {
        throw new Error('ECONNREFUSED');
      },
    });
    expect(await statusOf(verifier.verify(await sign()))).toBe(503);
  });

  it('refuses tokens without jti or iat (they could not be revoked)', async () => {
    const verifier = verifierWith({ isRevoked: async () => false });
    expect(await statusOf(verifier.verify(await sign({ jti: '' })))).toBe(401);
    expect(await statusOf(verifier.verify(await sign({ iat: false })))).toBe(401);
  });

  it(`reuses a "not revoked" answer for at most ${REVOCATION_CACHE_MS} ms, and not after forgetAccepted()`, async () => {
    let revoked = false;
    let asked = 0;
    const verifier = verifierWith({ isRevoked: async () => (asked++, revoked) });
    const token = await sign({ jti: 'jti-cache' });
    await verifier.verify(token);
    revoked = true;
    verifier.forgetAccepted();
    expect(await statusOf(verifier.verify(token))).toBe(401);
    expect(asked).toBe(2);
  });
});
