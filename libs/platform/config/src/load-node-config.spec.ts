import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ConfigError } from './config-error.js';
import { parseNodeConfig } from './load-node-config.js';
import { openPortalDirectory, portalDirectory } from './portal-directory.js';

const demo = parse(
  readFileSync(fileURLToPath(new URL('../../../../deploy/demo/node-360100.yaml', import.meta.url)), 'utf8'),
) as Record<string, any>;

function problemsOf(doc: unknown, env: NodeJS.ProcessEnv = {}) {
  try {
    parseNodeConfig(doc, 'node.yaml', { env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return { problems: (error as ConfigError).problems, message: (error as Error).message };
  }
  throw new Error('expected the configuration to be refused');
}

describe('node.yaml validation', () => {
  it('accepts the demo node and fills defaults', () => {
    const config = parseNodeConfig(demo, 'node.yaml', { env: {} });
    expect(config.node).toMatchObject({ code: '360100', level: 'municipal', parent: { code: '360000' } });
    expect(config.identity.loginMaxFailures).toBe(5);
  });

  it('names the key, the value and what was expected', () => {
    const doc = structuredClone(demo);
    doc.services.catalog.http = 'eighty';
    doc.node.code = '36010';
    const { problems, message } = problemsOf(doc);
    expect(problems).toContainEqual({
      key: 'services.catalog.http',
      value: '"eighty"',
      expected: 'a TCP port number between 1 and 65535',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        key: 'node.code',
        value: '"36010"',
        expected: expect.stringMatching(/prefecture code/),
      }),
    );
    expect(message).toContain('services.catalog.http = "eighty": expected a TCP port number between 1 and 65535');
  });

  it('reports missing keys and unknown keys', () => {
    const doc = structuredClone(demo);
    delete doc.redis.url;
    doc.kafka.bootstrap = 'x';
    const { problems } = problemsOf(doc);
    expect(problems).toContainEqual(expect.objectContaining({ key: 'redis.url', value: '<missing>' }));
    expect(problems).toContainEqual(
      expect.objectContaining({ key: 'kafka.bootstrap', expected: 'no such key (check the spelling)' }),
    );
  });

  it('requires a parent below national and none at national', () => {
    const doc = structuredClone(demo);
    doc.node.parent = null;
    expect(problemsOf(doc).problems).toContainEqual(
      expect.objectContaining({ key: 'node.parent', expected: 'a municipal node names its parent' }),
    );
  });

  it('selects the crypto profile: international by default, sm on request, nothing else', () => {
    expect(parseNodeConfig(demo, 'node.yaml', { env: {} }).crypto.profile).toBe('international');
    const sm = parseNodeConfig(demo, 'node.yaml', { env: { GOVDATA__CRYPTO__PROFILE: 'sm' } });
    expect(sm.crypto.profile).toBe('sm');
    const doc = structuredClone(demo);
    doc.crypto = { profile: 'gm' };
    expect(problemsOf(doc).problems).toContainEqual(
      expect.objectContaining({ key: 'crypto.profile', value: '"gm"', expected: 'one of "international", "sm"' }),
    );
  });

  it('applies GOVDATA__ environment overrides, typed as YAML scalars', () => {
    const config = parseNodeConfig(demo, 'node.yaml', {
      env: {
        GOVDATA__POSTGRES__ADMIN_URL: 'postgres://admin@db:5432/postgres',
        GOVDATA__SERVICES__CATALOG__HTTP: '9999',
        GOVDATA__KAFKA__BROKERS: '[kafka:9092]',
      },
    });
    expect(config.postgres.adminUrl).toBe('postgres://admin@db:5432/postgres');
    expect(config.services.catalog.http).toBe(9999);
    expect(config.kafka.brokers).toEqual(['kafka:9092']);
  });

  it('keeps string keys verbatim from the environment', () => {
    const config = parseNodeConfig(demo, 'node.yaml', {
      env: { GOVDATA__POSTGRES__SERVICE_PASSWORD: '123456', GOVDATA__REDIS__KEY_PREFIX: 'n1:' },
    });
    expect(config.postgres.servicePassword).toBe('123456');
    expect(config.redis.keyPrefix).toBe('n1:');
  });

  it('names a bad override by its key', () => {
    const { problems } = problemsOf(demo, { GOVDATA__REDIS__URL: 'http://not-redis' });
    expect(problems).toContainEqual({
      key: 'redis.url',
      value: '"http://not-redis"',
      expected: 'a URL starting with redis:// or rediss://',
    });
  });

  it('times portal sessions out after 30 min idle and 8 h at most, and refuses an idle time beyond the lifetime', () => {
    expect(parseNodeConfig(demo, 'node.yaml', { env: {} }).identity).toMatchObject({
      sessionIdleSeconds: 1800,
      sessionMaxSeconds: 28_800,
    });
    const doc = structuredClone(demo);
    doc.identity = { ...doc.identity, sessionIdleSeconds: 7200, sessionMaxSeconds: 3600 };
    expect(problemsOf(doc).problems).toContainEqual({
      key: 'identity.sessionIdleSeconds',
      value: '7200',
      expected: 'at most identity.sessionMaxSeconds (3600)',
    });
    doc.identity = { ...doc.identity, sessionIdleSeconds: 0, sessionMaxSeconds: 3600 };
    expect(problemsOf(doc).problems).toContainEqual(
      expect.objectContaining({ key: 'identity.sessionIdleSeconds', expected: 'seconds between 1 and 86400' }),
    );
  });

  it('finds the portal in dist/portal of the installation unless http.portalDir names an absolute folder', () => {
    const config = parseNodeConfig(demo, 'node.yaml', { env: {} });
    expect(portalDirectory(config)).toBe(fileURLToPath(new URL('../../../../dist/portal', import.meta.url)));
    const elsewhere = parseNodeConfig(demo, 'node.yaml', { env: { GOVDATA__HTTP__PORTAL_DIR: '/srv/portal' } });
    expect(portalDirectory(elsewhere)).toBe('/srv/portal');
    expect(problemsOf(demo, { GOVDATA__HTTP__PORTAL_DIR: 'dist/portal' }).problems).toContainEqual({
      key: 'http.portalDir',
      value: '"dist/portal"',
      expected: 'an absolute folder path, e.g. /app/dist/portal',
    });
  });

  it('takes an optional open-portal port for the gateway, and finds the open portal in dist/open-portal', () => {
    const config = parseNodeConfig(demo, 'node.yaml', { env: {} });
    expect(config.services.gateway.openPortal).toBe(8182);
    expect(openPortalDirectory(config)).toBe(fileURLToPath(new URL('../../../../dist/open-portal', import.meta.url)));
    const doc = structuredClone(demo);
    delete doc.services.gateway.openPortal;
    expect(parseNodeConfig(doc, 'node.yaml', { env: {} }).services.gateway.openPortal).toBeUndefined();
    doc.services.gateway.openPortal = 70000;
    expect(problemsOf(doc).problems).toContainEqual(
      expect.objectContaining({
        key: 'services.gateway.openPortal',
        expected: 'a TCP port number between 1 and 65535',
      }),
    );
  });

  it('hides a sensitive value', () => {
    const doc = structuredClone(demo);
    doc.postgres.servicePassword = 42;
    expect(problemsOf(doc).problems).toContainEqual(
      expect.objectContaining({ key: 'postgres.servicePassword', value: '<hidden>' }),
    );
  });
});
