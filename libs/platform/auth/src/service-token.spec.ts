import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { serviceTokenKeyPath, ServiceTokenKey, ServiceTokens, SERVICE_TOKEN_METADATA } from './service-token.js';

describe('service tokens between the services of a node', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'govdata-service-token-'));

  it('keeps one node key as a 0600 file that every service of the node loads', async () => {
    const [first, second] = await Promise.all([
      ServiceTokenKey.loadOrCreate(dataDir),
      ServiceTokenKey.loadOrCreate(dataDir),
    ]);
    expect(first.kid).toBe(second.kid);
    expect(statSync(serviceTokenKeyPath(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('names the calling service, the node and the called service, for about a minute, and reuses it', async () => {
    const key = await ServiceTokenKey.loadOrCreate(dataDir);
    const exchange = new ServiceTokens(key, '360000', 'exchange');
    const token = await exchange.token('federation');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ svc: 'exchange', node: '360000', sub: 'service:exchange', aud: 'federation' });
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(await exchange.token('federation')).toBe(token);
    expect(await exchange.credentialsFor('federation')()).toEqual({ [SERVICE_TOKEN_METADATA]: token });

    const federation = new ServiceTokens(key, '360000', 'federation');
    expect(await federation.verify(token)).toEqual({ service: 'exchange', node: '360000' });
  });

  it('refuses a token for another audience, of another node or signed with another key', async () => {
    const key = await ServiceTokenKey.loadOrCreate(dataDir);
    const federation = new ServiceTokens(key, '360000', 'federation');
    const toCatalog = await new ServiceTokens(key, '360000', 'exchange').token('catalog');
    await expect(federation.verify(toCatalog)).rejects.toMatchObject({ code: 'unauthenticated' });
    const otherNode = await new ServiceTokens(key, '360100', 'exchange').token('federation');
    await expect(federation.verify(otherNode)).rejects.toMatchObject({ code: 'unauthenticated' });
    const forged = await new ServiceTokens(ServiceTokenKey.generate(), '360000', 'exchange').token('federation');
    await expect(federation.verify(forged)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
