import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerError } from '../ledger.exception.js';
import { verifyConsistency, verifyInclusion } from './verify.js';

// transparency-dev/merkle's proof vectors (fixtures/rfc6962, Apache-2.0): the verifier accepts
// exactly the cases marked `wantErr: false` and refuses every other one with a LedgerError. (The
// tree-hash reference roots are tested beside the hashing, in @govdata/rfc6962.)
const FIXTURES = fileURLToPath(new URL('../../fixtures/rfc6962/', import.meta.url));

function vectors(kind: string): Array<[string, Record<string, unknown>]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.json')) files.push(join(dir, entry.name));
    }
  };
  walk(join(FIXTURES, kind));
  return files.sort().map((file) => [relative(FIXTURES, file), JSON.parse(readFileSync(file, 'utf8'))]);
}

const bytes = (value: unknown) => Buffer.from(value as string, 'base64');
const hashes = (value: unknown) => (value === null ? null : (value as string[]).map(bytes));

/** null when accepted, else the error (which must be a LedgerError). */
function outcome(run: () => void): unknown {
  try {
    run();
    return null;
  } catch (error) {
    return error;
  }
}

describe('RFC 6962 conformance vectors', () => {
  const inclusion = vectors('inclusion');
  const consistency = vectors('consistency');

  it('has every vector file (98 inclusion, 98 consistency)', () => {
    expect(inclusion).toHaveLength(98);
    expect(consistency).toHaveLength(98);
  });

  it.each(inclusion)('inclusion %s', (_file, v) => {
    const error = outcome(() =>
      verifyInclusion(
        v['leafIdx'] as number,
        v['treeSize'] as number,
        bytes(v['leafHash']),
        hashes(v['proof']),
        bytes(v['root']),
      ),
    );
    if (v['wantErr']) expect(error).toBeInstanceOf(LedgerError);
    else expect(error).toBeNull();
  });

  it.each(consistency)('consistency %s', (_file, v) => {
    const error = outcome(() =>
      verifyConsistency(
        v['size1'] as number,
        v['size2'] as number,
        bytes(v['root1']),
        bytes(v['root2']),
        hashes(v['proof']),
      ),
    );
    if (v['wantErr']) expect(error).toBeInstanceOf(LedgerError);
    else expect(error).toBeNull();
  });
});
