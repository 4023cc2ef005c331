import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSm2KeyPair, signSm2Jws, sm2Jwk, sm2JwkThumbprint } from '@govdata/platform-crypto';
import { GovdataError } from '@govdata/platform-errors';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TOKEN_AUDIENCE } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

// SM2-signed tokens (国密 profile) and ES256 ones from one issuer's JWKS, served by a local HTTP server.
describe('TokenVerifier with SM2 tokens (alg SM2SM3)', () => {
  let server: Server;
  let issuer: string;
  const sm2 = generateSm2KeyPair();
  const sm2Public = sm2Jwk(sm2.publicKey);
  const kid = sm2JwkThumbprint(sm2Public);
  let es256: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    es256 = await generateKeyPair('ES256');
    const keys = [
      { ...sm2Public, kid, alg: 'SM2SM3', use: 'sig' },
      { ...(await exportJWK(es256.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' },
    ];
    server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ({
    kind: 'user',
    org: 'o1',
    node: '360000',
    roles: ['auditor', 'no-such-role'],
    iss: issuer,
    aud: TOKEN_AUDIENCE,
    sub: 'u1',
    iat: now(),
    exp: now() + 600,
    jti: 'jti-sm2',
    ...over,
  });
  const sign = (over: Record<string, unknown> = {}, key = sm2.privateKey, headerKid = kid) =>
    signSm2Jws({ kid: headerKid, typ: 'at+jwt' }, claims(over), key);
  const verifier = () => new TokenVerifier([{ issuer, jwksUri: `${issuer}/.well-known/jwks.json` }]);
  const refusal = async (token: string) => {
    const error = await verifier()
      .verify(token)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GovdataError);
    return { status: (error as GovdataError).httpStatus, message: (error as Error).message };
  };

  it('accepts an SM2 token with the same claims checks as ES256, beside the issuer’s ES256 tokens', async () => {
    const principal = await verifier().verify(sign());
    expect(principal).toMatchObject({ subject: 'u1', kind: 'user', organisationId: 'o1', nodeCode: '360000' });
    expect(principal.roles).toEqual(['auditor']);
    const es = await new SignJWT({ kind: 'service', org: 'o2', node: '360000', roles: [] })
      .setProtectedHeader({ alg: 'ES256', kid: 'es' })
      .setIssuer(issuer)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject('service:sa')
      .setIssuedAt()
      .setJti('jti-es')
      .setExpirationTime('10m')
      .sign(es256.privateKey);
    expect((await verifier().verify(es)).subject).toBe('service:sa');
  });

  it('refuses a forged, expired, foreign-audience or unkeyed SM2 token with 401', async () => {
    const forger = generateSm2KeyPair().privateKey;
    expect(await refusal(sign({}, forger))).toMatchObject({ status: 401, message: /signature/ });
    expect(await refusal(sign({ exp: now() - 60 }))).toMatchObject({ status: 401, message: /expired/ });
    expect(await refusal(sign({ aud: 'someone-else' }))).toMatchObject({ status: 401, message: /aud/ });
    expect(await refusal(sign({}, forger, 'unknown-kid'))).toMatchObject({ status: 401, message: /no SM2 key/ });
    expect(await refusal(sign({ org: undefined }))).toMatchObject({ status: 401, message: /org/ });
    const [h, , s] = sign().split('.') as [string, string, string];
    const raised = Buffer.from(JSON.stringify(claims({ roles: ['node-admin'] }))).toString('base64url');
    expect(await refusal(`${h}.${raised}.${s}`)).toMatchObject({ status: 401, message: /signature/ });
  });
});
