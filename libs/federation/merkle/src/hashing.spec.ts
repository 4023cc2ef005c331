import { createHash } from 'node:crypto';
import { bucketOf, EMPTY_DIGEST, interiorDigest, keyHash, merkleTreeHash, recordLeaf } from './hashing.js';
import { MerkleProblem } from './merkle.exception.js';

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');
const DIGEST = 'ab'.repeat(32);

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
