import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where the node keeps the key that encrypts credentials (the catalog's data sources, the exchange's
 * upstream APIs), relative to `node.dataDir`. The name is the catalog's, which needed it first:
 * renaming it would orphan what nodes have already sealed.
 */
export function credentialKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'catalog-credentials.key.json');
}

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

/**
 * The key that encrypts credentials of data sources and APIs (AES-256-GCM), kept as a file (mode
 * 0600) in the node's data folder and created on first use — the database alone never yields a
 * password. A sealed value names its key (`kid`) so a rotated key can keep opening older values.
 *
 * Each value is sealed with a context (`data_source:<id>:password`) as additional authenticated
 * data: a ciphertext copied onto another row does not open there.
 */
export class CredentialKey {
  private constructor(
    readonly kid: string,
    private readonly key: Buffer,
    /** Set when the key file was readable by group or others. */
    readonly warning?: { path: string; mode: string },
  ) {}

  /** Loads `<dataDir>/keys/catalog-credentials.key.json`, creating it when missing; safe when replicas race. */
  static async loadOrCreate(dataDir: string): Promise<CredentialKey> {
    const path = credentialKeyPath(dataDir);
    try {
      return await CredentialKey.load(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await CredentialKey.create(path);
    return CredentialKey.load(path);
  }

  private static async load(path: string): Promise<CredentialKey> {
    const raw = await readFile(path, 'utf8');
    let parsed: { kid?: unknown; alg?: unknown; k?: unknown };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      throw new Error(`the credential key file ${path} is not valid JSON; restore it from backup`);
    }
    const key = typeof parsed.k === 'string' ? Buffer.from(parsed.k, 'base64url') : Buffer.alloc(0);
    if (parsed.alg !== 'A256GCM' || key.length !== 32 || typeof parsed.kid !== 'string') {
      throw new Error(`the credential key file ${path} does not hold a 256-bit AES-GCM key ({kid, alg: "A256GCM", k})`);
    }
    if (parsed.kid !== keyId(key)) throw new Error(`the credential key file ${path} is damaged: kid does not match k`);
    const mode = (await stat(path)).mode & 0o777;
    return new CredentialKey(parsed.kid, key, mode & 0o077 ? { path, mode: `0${mode.toString(8)}` } : undefined);
  }

  private static async create(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    const body = `${JSON.stringify({ kid: keyId(key), alg: 'A256GCM', k: key.toString('base64url') }, null, 2)}\n`;
    // Written whole under a temporary name, then linked into place: link fails if another process
    // got there first, and nobody ever reads a half-written key.
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, body, { mode: 0o600, flag: 'wx' });
    await chmod(temporary, 0o600);
    try {
      await link(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  /** `v1.<kid>.<iv>.<tag>.<ciphertext>`, base64url parts; a fresh 96-bit IV per value. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.kid, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, context: string): string {
    const [format, kid, iv, tag, ciphertext] = sealed.split('.');
    if (format !== FORMAT || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('not a sealed credential (v1.<kid>.<iv>.<tag>.<ciphertext>)');
    }
    if (kid !== this.kid) throw new Error(`the credential was sealed with key ${kid}, not the node's key ${this.kid}`);
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** A short public name of the key: the first 16 hex digits of SHA-256 over it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
