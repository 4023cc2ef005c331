import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeConfig } from '@govdata/platform-config';
import { pino } from 'pino';
import { CredentialKey, credentialKeyPath } from './credential-key.js';
import { CredentialVault } from './credential-vault.js';

describe('credential key', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'credential-key-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is created on first use as a file only its owner can read, and found again after', async () => {
    const first = await CredentialKey.loadOrCreate(dataDir);
    const mode = (await stat(credentialKeyPath(dataDir))).mode & 0o777;
    expect(mode).toBe(0o600);
    const again = await CredentialKey.loadOrCreate(dataDir);
    expect(again.kid).toBe(first.kid);
    expect(again.open(first.seal('s3cret', 'ctx'), 'ctx')).toBe('s3cret');
  });

  it('yields one key when replicas create it at the same time', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => CredentialKey.loadOrCreate(dataDir)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
  });

  it('seals without the plaintext showing and with a fresh IV each time', async () => {
    const key = await CredentialKey.loadOrCreate(dataDir);
    const a = key.seal('Pa55-word-密码', 'data_source:1:password');
    const b = key.seal('Pa55-word-密码', 'data_source:1:password');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Pa55');
    expect(a.startsWith(`v2.A256GCM.${key.kid}.`)).toBe(true);
    expect(key.open(a, 'data_source:1:password')).toBe('Pa55-word-密码');
  });

  it('does not open a value under another context (a ciphertext copied onto another row)', async () => {
    const key = await CredentialKey.loadOrCreate(dataDir);
    const sealed = key.seal('secret', 'data_source:1:password');
    expect(() => key.open(sealed, 'data_source:2:password')).toThrow();
  });

  it('does not open a tampered value', async () => {
    const key = await CredentialKey.loadOrCreate(dataDir);
    const parts = key.seal('secret', 'ctx').split('.');
    const ciphertext = Buffer.from(parts[5]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[5] = ciphertext.toString('base64url');
    expect(() => key.open(parts.join('.'), 'ctx')).toThrow();
  });

  it('refuses a damaged key file instead of making a new key', async () => {
    await CredentialKey.loadOrCreate(dataDir);
    const path = credentialKeyPath(dataDir);
    const stored = JSON.parse(await readFile(path, 'utf8')) as { k: string };
    await writeFile(path, JSON.stringify({ ...stored, k: Buffer.alloc(32, 1).toString('base64url') }));
    await expect(CredentialKey.loadOrCreate(dataDir)).rejects.toThrow(/kid does not match/);
    await writeFile(path, 'not json');
    await expect(CredentialKey.loadOrCreate(dataDir)).rejects.toThrow(/not valid JSON/);
  });

  it('refuses a truncated tag (AES-GCM would accept a 4-byte prefix of the right tag)', async () => {
    const key = await CredentialKey.loadOrCreate(dataDir);
    const parts = key.seal('secret', 'ctx').split('.');
    for (const length of [4, 8, 12, 15]) {
      const truncated = [...parts];
      truncated[4] = Buffer.from(parts[4]!, 'base64url').subarray(0, length).toString('base64url');
      expect(() => key.open(truncated.join('.'), 'ctx')).toThrow(/16-byte tag/);
    }
  });

  it('still opens values sealed before the format named its algorithm (v1, AES-256-GCM)', async () => {
    const key = await CredentialKey.loadOrCreate(dataDir);
    const { k } = JSON.parse(await readFile(credentialKeyPath(dataDir), 'utf8')) as { k: string };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(k, 'base64url'), iv).setAAD(Buffer.from('ctx'));
    const ciphertext = Buffer.concat([cipher.update('old secret', 'utf8'), cipher.final()]);
    const v1 = ['v1', key.kid, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
    expect(key.open(v1, 'ctx')).toBe('old secret');
  });

  it('seals with SM4 under its own key file', async () => {
    const key = await CredentialKey.loadOrCreate(dataDir, 'SM4-CTR-HMAC-SM3');
    const sealed = key.seal('口令', 'data_source:1:password');
    expect(sealed.startsWith(`v2.SM4-CTR-HMAC-SM3.${key.kid}.`)).toBe(true);
    expect(key.open(sealed, 'data_source:1:password')).toBe('口令');
    expect(() => key.open(sealed, 'data_source:2:password')).toThrow(/does not verify/);
    const stored = JSON.parse(await readFile(credentialKeyPath(dataDir, 'SM4-CTR-HMAC-SM3'), 'utf8')) as object;
    expect(stored).toMatchObject({ alg: 'SM4-CTR-HMAC-SM3', kid: key.kid });
    expect((await stat(credentialKeyPath(dataDir, 'SM4-CTR-HMAC-SM3'))).mode & 0o777).toBe(0o600);
  });

  it('a vault seals under its profile and opens values sealed under either', async () => {
    const vault = (profile: 'international' | 'sm') =>
      new CredentialVault({ node: { dataDir }, crypto: { profile } } as NodeConfig, pino({ enabled: false }));
    const international = vault('international');
    const sm = vault('sm');
    const aes = await international.seal('p1', 'ctx');
    const sm4 = await sm.seal('p2', 'ctx');
    expect(aes.split('.')[1]).toBe('A256GCM');
    expect(sm4.split('.')[1]).toBe('SM4-CTR-HMAC-SM3');
    expect(await sm.open(aes, 'ctx')).toBe('p1');
    expect(await international.open(sm4, 'ctx')).toBe('p2');
  });

  it('an international node without an SM4 key says so instead of making one', async () => {
    const other = await mkdtemp(join(tmpdir(), 'credential-key-'));
    const sm4 = await (await CredentialKey.loadOrCreate(other, 'SM4-CTR-HMAC-SM3')).seal('p', 'ctx');
    await rm(other, { recursive: true, force: true });
    const vault = new CredentialVault(
      { node: { dataDir }, crypto: { profile: 'international' } } as NodeConfig,
      pino({ enabled: false }),
    );
    await expect(vault.open(sm4, 'ctx')).rejects.toThrow(/sealed with SM4-CTR-HMAC-SM3, but this node has no such key/);
  });
});
