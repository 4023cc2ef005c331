import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerError } from '../ledger.exception.js';
import { hashLeaf, merkleTreeHash } from './hashes.js';
import { verifyConsistency, verifyInclusion } from './verify.js';

// transparency-dev/merkle's proof vectors (fixtures/rfc6962, Apache-2.0): the verifier accepts
// exactly the cases marked `wantErr: false` and refuses every other one with a LedgerError.
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

  it('computes the reference roots of sizes 1–8 over the eight standard leaves', () => {
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    const leafHashes = leaves.map((hex) => hashLeaf(Buffer.from(hex, 'hex')));
    expect(roots.map((_, i) => merkleTreeHash(leafHashes.slice(0, i + 1)).toString('hex'))).toEqual(roots);
  });
});
