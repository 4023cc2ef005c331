import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { aeadAlgorithm, createKeyFileOnce, type AeadAlgorithm, type AeadName } from '@govdata/platform-crypto';

/**
 * Where the node keeps the key that encrypts credentials (the catalog's data sources, the exchange's
 * upstream APIs), relative to `node.dataDir`. The name is the catalog's, which needed it first:
 * renaming it would orphan what nodes have already sealed.
 */
export function credentialKeyPath(dataDir: string, algorithm: AeadName = 'A256GCM'): string {
  return join(dataDir, 'keys', algorithm === 'A256GCM' ? 'catalog-credentials.key.json' : 'credentials-sm4.key.json');
}

/** `v2.<alg>.<kid>.<iv>.<tag>.<ciphertext>`; `v1.<kid>.…` (before 国密) was always A256GCM. */
const FORMAT = 'v2';
const FORMAT_V1 = 'v1';

/**
 * A key that encrypts credentials of data sources and APIs, kept as a file (mode 0600) in the node's
 * data folder and created on first use — the database alone never yields a password. There is one
 * key per algorithm (AES-256-GCM; SM4 for the 国密 profile, see `@govdata/platform-crypto`): a
 * sealed value names its algorithm and its key (`kid`), so a node that changed profile, or rotated
 * its key, keeps opening older values.
 *
 * Each value is sealed with a context (`data_source:<id>:password`) as additional authenticated
 * data: a ciphertext copied onto another row does not open there.
 */
export class CredentialKey {
  private constructor(
    readonly algorithm: AeadAlgorithm,
    readonly kid: string,
    private readonly key: Buffer,
    /** Set when the key file was readable by group or others. */
    readonly warning?: { path: string; mode: string },
  ) {}

  /** Loads the key of `algorithm` (see {@link credentialKeyPath}), creating it when missing; safe when replicas race. */
  static async loadOrCreate(dataDir: string, algorithm: AeadName = 'A256GCM'): Promise<CredentialKey> {
    const path = credentialKeyPath(dataDir, algorithm);
    try {
      return await CredentialKey.loadFile(path, algorithm);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await CredentialKey.create(path, algorithm);
    return CredentialKey.loadFile(path, algorithm);
  }

  /** Loads the key of `algorithm` without creating it: a value sealed with a missing key cannot open. */
  static async load(dataDir: string, algorithm: AeadName): Promise<CredentialKey> {
    const path = credentialKeyPath(dataDir, algorithm);
    try {
      return await CredentialKey.loadFile(path, algorithm);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new Error(`the credential was sealed with ${algorithm}, but this node has no such key (${path})`, {
        cause: error,
      });
    }
  }

  private static async loadFile(path: string, algorithm: AeadName): Promise<CredentialKey> {
    const raw = await readFile(path, 'utf8');
    let parsed: { kid?: unknown; alg?: unknown; k?: unknown };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      throw new Error(`the credential key file ${path} is not valid JSON; restore it from backup`);
    }
    const key = typeof parsed.k === 'string' ? Buffer.from(parsed.k, 'base64url') : Buffer.alloc(0);
    if (parsed.alg !== algorithm || key.length !== 32 || typeof parsed.kid !== 'string') {
      throw new Error(
        `the credential key file ${path} does not hold a 256-bit ${algorithm} key ({kid, alg: "${algorithm}", k})`,
      );
    }
    if (parsed.kid !== keyId(key)) throw new Error(`the credential key file ${path} is damaged: kid does not match k`);
    const mode = (await stat(path)).mode & 0o777;
    const warning = mode & 0o077 ? { path, mode: `0${mode.toString(8)}` } : undefined;
    return new CredentialKey(aeadAlgorithm(algorithm), parsed.kid, key, warning);
  }

  private static async create(path: string, algorithm: AeadName): Promise<void> {
    const key = randomBytes(32);
    const body = `${JSON.stringify({ kid: keyId(key), alg: algorithm, k: key.toString('base64url') }, null, 2)}\n`;
    await createKeyFileOnce(path, body);
  }

  /** `v2.<alg>.<kid>.<iv>.<tag>.<ciphertext>`, base64url parts; a fresh IV per value. */
  seal(plaintext: string, context: string): string {
    const box = this.algorithm.seal(this.key, Buffer.from(plaintext, 'utf8'), Buffer.from(context, 'utf8'));
    return [FORMAT, this.algorithm.name, this.kid, box.iv, box.tag, box.ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Opens a value sealed with this key; the tag must verify at its full length (a truncated tag is refused). */
  open(sealed: string, context: string): string {
    const parts = parseSealed(sealed);
    if (parts.algorithm !== this.algorithm.name) {
      throw new Error(`the credential was sealed with ${parts.algorithm}, not with this ${this.algorithm.name} key`);
    }
    if (parts.kid !== this.kid) {
      throw new Error(`the credential was sealed with key ${parts.kid}, not the node's key ${this.kid}`);
    }
    return this.algorithm.open(this.key, parts, Buffer.from(context, 'utf8')).toString('utf8');
  }
}

/** The parts of a sealed credential; `algorithm` says which key opens it. */
export function parseSealed(sealed: string): {
  algorithm: AeadName;
  kid: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
} {
  const parts = sealed.split('.');
  const [algorithm, kid, iv, tag, ciphertext] =
    parts[0] === FORMAT_V1 && parts.length === 5 ? ['A256GCM', ...parts.slice(1)] : parts.slice(1);
  if (
    (parts[0] !== FORMAT && parts[0] !== FORMAT_V1) ||
    (parts[0] === FORMAT && parts.length !== 6) ||
    (algorithm !== 'A256GCM' && algorithm !== 'SM4-CTR-HMAC-SM3') ||
    kid === undefined ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined
  ) {
    throw new Error('not a sealed credential (v2.<alg>.<kid>.<iv>.<tag>.<ciphertext>)');
  }
  const bytes = (part: string) => Buffer.from(part, 'base64url');
  return { algorithm, kid, iv: bytes(iv), tag: bytes(tag), ciphertext: bytes(ciphertext) };
}

/** A short public name of the key: the first 16 hex digits of SHA-256 over it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
