import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyFileOnce, replaceFileAtomically } from './key-file.js';

describe('key files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'govdata-key-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

  it('creates a secret 0600 in a new 0700 folder and leaves no temporary file', async () => {
    const path = join(dir, 'keys', 'node.key');
    await createKeyFileOnce(path, 'secret\n');
    expect(await readFile(path, 'utf8')).toBe('secret\n');
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(dir, 'keys'))).toBe(0o700);
    expect(await readdir(join(dir, 'keys'))).toEqual(['node.key']);
  });

  it('keeps the first of racing writers, whole', async () => {
    const path = join(dir, 'node.key');
    await Promise.all(Array.from({ length: 8 }, (_, i) => createKeyFileOnce(path, `key ${i}\n`.repeat(1000))));
    const content = await readFile(path, 'utf8');
    expect(content).toMatch(/^(key \d\n){1000}$/);
    expect(new Set(content.split('\n').filter(Boolean)).size).toBe(1);
    expect(await readdir(dir)).toEqual(['node.key']);
  });

  it('throws on an existing file when asked to, and never overwrites it', async () => {
    const path = join(dir, 'node.key');
    await writeFile(path, 'theirs');
    await expect(createKeyFileOnce(path, 'mine', { ifExists: 'fail' })).rejects.toMatchObject({ code: 'EEXIST' });
    await createKeyFileOnce(path, 'mine');
    expect(await readFile(path, 'utf8')).toBe('theirs');
    expect(await readdir(dir)).toEqual(['node.key']);
  });

  it('writes the mode asked for', async () => {
    const path = join(dir, 'node.csr');
    await createKeyFileOnce(path, 'csr', { mode: 0o644 });
    expect(await modeOf(path)).toBe(0o644);
  });

  it('replaces a public file whole, 0644 by default', async () => {
    const path = join(dir, 'pki', 'active');
    await replaceFileAtomically(path, 'one\n');
    await replaceFileAtomically(path, 'two\n');
    expect(await readFile(path, 'utf8')).toBe('two\n');
    expect(await modeOf(path)).toBe(0o644);
    expect(await modeOf(join(dir, 'pki'))).toBe(0o700);
    expect(await readdir(join(dir, 'pki'))).toEqual(['active']);
  });

  it('leaves no temporary file when the replacement fails', async () => {
    const path = join(dir, 'occupied');
    await createKeyFileOnce(join(path, 'inside'), 'x');
    await expect(replaceFileAtomically(path, 'file over a folder')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['occupied']);
  });
});
