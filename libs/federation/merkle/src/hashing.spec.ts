import { createHash } from 'node:crypto';
import {
  bucketOf,
  EMPTY_DIGEST,
  hashChildren,
  hashLeaf,
  interiorDigest,
  keyHash,
  merkleTreeHash,
  recordLeaf,
} from './hashing.js';
import { MerkleProblem } from './merkle.exception.js';

// RFC 6962 reference vectors (certificate-transparency / transparency-dev merkle testdata).
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');
const DIGEST = 'ab'.repeat(32);

describe('RFC 6962 hashing', () => {
  it('matches the reference roots for trees of 0 to 8 leaves', () => {
    expect(merkleTreeHash([]).toString('hex')).toBe(EMPTY_DIGEST);
    const leaves = CT_LEAVES.map(hashLeaf);
    for (let n = 1; n <= 8; n++) expect(merkleTreeHash(leaves.slice(0, n)).toString('hex')).toBe(CT_ROOTS[n - 1]);
  });

  it('separates leaves from nodes: 0x00 ‖ data versus 0x01 ‖ left ‖ right', () => {
    const [l, r] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    expect(hashChildren(l, r).toString('hex')).toBe(sha256(Buffer.from([1]), l, r));
    expect(hashLeaf(Buffer.concat([l, r])).toString('hex')).not.toBe(hashChildren(l, r).toString('hex'));
  });
});

describe('record leaf', () => {
  it('is SHA-256(0x00 ‖ u32 key length ‖ UTF-8 key ‖ u64 version ‖ digest), so other implementations can match it', () => {
    const key = '目录-1';
    const keyBytes = Buffer.from(key, 'utf8');
    const expected = sha256(
      Buffer.from([0]),
      Buffer.from([0, 0, 0, keyBytes.length]),
      keyBytes,
      Buffer.from([0, 0, 0x01, 0, 0, 0, 0, 0x07]),
      Buffer.from(DIGEST, 'hex'),
    );
    expect(recordLeaf({ key, version: 2 ** 40 + 7, digest: DIGEST })).toBe(expected);
  });

  it('changes with the key, the version and the digest', () => {
    const base = { key: '360100-0001', version: 1, digest: DIGEST };
    const leaves = new Set([
      recordLeaf(base),
      recordLeaf({ ...base, key: '360100-0002' }),
      recordLeaf({ ...base, version: 2 }),
      recordLeaf({ ...base, digest: 'cd'.repeat(32) }),
    ]);
    expect(leaves.size).toBe(4);
  });

  it.each([
    ['an empty key', { key: '', version: 1, digest: DIGEST }],
    ['a negative version', { key: 'k', version: -1, digest: DIGEST }],
    ['a fractional version', { key: 'k', version: 1.5, digest: DIGEST }],
    ['an upper-case digest', { key: 'k', version: 1, digest: DIGEST.toUpperCase() }],
    ['a short digest', { key: 'k', version: 1, digest: 'abcd' }],
  ])('refuses %s', (_name, record) => {
    expect(() => recordLeaf(record)).toThrow(expect.objectContaining({ problem: MerkleProblem.InvalidRecord }));
  });
});

describe('key space partition', () => {
  it('puts a key in the bucket named by the first hex digits of SHA-256(key)', () => {
    expect(keyHash('360100-0001')).toBe(sha256(Buffer.from('360100-0001')));
    expect(bucketOf('360100-0001')).toBe(keyHash('360100-0001').slice(0, 3));
    expect(bucketOf('360100-0001', 5)).toHaveLength(5);
  });

  it('gives an empty bucket the empty-tree digest and a non-empty one the MTH of its 16 children', () => {
    const empty = { digest: EMPTY_DIGEST, count: 0 };
    expect(interiorDigest(Array.from({ length: 16 }, () => empty))).toEqual(empty);
    const children = Array.from({ length: 16 }, (_, i) => (i === 3 ? { digest: DIGEST, count: 2 } : empty));
    const expected = merkleTreeHash(children.map((c) => Buffer.from(c.digest, 'hex'))).toString('hex');
    expect(interiorDigest(children)).toEqual({ digest: expected, count: 2 });
  });
});
