import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a key file (mode 0600, its folder 0700) unless one is there already. The content is written
 * whole under a temporary name and linked into place, which fails for all but the first: services or
 * replicas racing to create the same key agree on one, and nobody reads a half-written key. The
 * caller loads the file afterwards, whoever wrote it.
 */
export async function createKeyFileOnce(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
  await chmod(temporary, 0o600);
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
