import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialKey, credentialKeyPath } from './credential-key.js';

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
    const a = key.seal('Pa55-word-密碼', 'data_source:1:password');
    const b = key.seal('Pa55-word-密碼', 'data_source:1:password');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Pa55');
    expect(a.startsWith(`v1.${key.kid}.`)).toBe(true);
    expect(key.open(a, 'data_source:1:password')).toBe('Pa55-word-密碼');
  });

  it('does not open a value under another context (a ciphertext copied onto another row)', async () => {
    const key = await CredentialKey.loadOrCreate(dataDir);
    const sealed = key.seal('secret', 'data_source:1:password');
    expect(() => key.open(sealed, 'data_source:2:password')).toThrow();
  });

  it('does not open a tampered value', async () => {
    const key = await CredentialKey.loadOrCreate(dataDir);
    const parts = key.seal('secret', 'ctx').split('.');
    const ciphertext = Buffer.from(parts[4]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[4] = ciphertext.toString('base64url');
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
});
