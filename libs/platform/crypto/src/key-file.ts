import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface KeyFileOptions {
  /** The file's mode: 0600 (default) for a secret, 0644 for what anyone may read (a certificate, a CSR). */
  mode?: number;
  /**
   * What a file already there means: `keep` (default) — another service or replica created it first,
   * and the caller loads theirs; `fail` — the EEXIST error is thrown (the caller never overwrites a key).
   */
  ifExists?: 'keep' | 'fail';
}

/**
 * Writes a key file (mode 0600 unless told otherwise, its folder 0700) unless one is there already.
 * The content is written whole under a temporary name and linked into place, which fails for all but
 * the first: services or replicas racing to create the same key agree on one, and nobody reads a
 * half-written key. The caller loads the file afterwards, whoever wrote it.
 */
export async function createKeyFileOnce(path: string, content: string, options: KeyFileOptions = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = await writeTemporary(path, content, options.mode ?? 0o600);
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || options.ifExists === 'fail') throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Writes a file whole under a temporary name, then renames it over the old one (its folder made 0700
 * if missing): readers see the old content or the new, never half. For files that change (a renewed
 * certificate, the active key generation); mode 0644 unless told otherwise.
 */
export async function replaceFileAtomically(
  path: string,
  content: string,
  options: Pick<KeyFileOptions, 'mode'> = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = await writeTemporary(path, content, options.mode ?? 0o644);
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** The content under a fresh temporary name beside `path`, with exactly `mode`. */
async function writeTemporary(path: string, content: string, mode: number): Promise<string> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content, { mode, flag: 'wx' });
  // The umask may have narrowed the mode (never widened it); be explicit.
  await chmod(temporary, mode);
  return temporary;
}
