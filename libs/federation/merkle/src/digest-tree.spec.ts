import { DigestIndex } from './digest-index.js';
import { buildDigestTree, DigestTree } from './digest-tree.js';
import { EMPTY_DIGEST, HEX_DIGITS, keyHash } from './hashing.js';
import { entries, entry } from './merkle.fixture.js';
import { MerkleProblem } from './merkle.exception.js';
import { compareLevel } from './reconcile.js';

const byKeyHash = <T extends { key: string }>(records: T[]) =>
  records
    .map((record) => ({ record, hash: keyHash(record.key) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : 1))
    .map(({ record }) => record);

describe('digest tree', () => {
  const records = entries(2_000);

  it('has the empty-tree root when empty', () => {
    expect(buildDigestTree([]).root).toEqual({ digest: EMPTY_DIGEST, count: 0 });
    expect(new DigestIndex().root).toEqual({ digest: EMPTY_DIGEST, count: 0 });
  });

  it('has one root for one set whatever the order or way it was built', async () => {
    const root = buildDigestTree(records).root;
    expect(root.count).toBe(2_000);
    expect(buildDigestTree([...records].reverse()).root).toEqual(root);
    const pages = async function* () {
      for (let i = 0; i < records.length; i += 500) yield records.slice(i, i + 500);
    };
    expect((await DigestTree.load(pages())).root).toEqual(root);
    expect((await DigestIndex.fromSorted(byKeyHash(records))).root).toEqual(root);
    expect(DigestIndex.fromLeafBuckets(buildDigestTree(records).leafBuckets()).root).toEqual(root);
  });

  it('keeps the root current as records change: same root as a rebuild of the final set', () => {
    const tree = buildDigestTree(records);
    const before = tree.root;
    tree.upsert(entry(7, 2));
    tree.remove(entry(8).key);
    tree.upsert(entry(5_000));
    const final = records.filter((r) => r.key !== entry(8).key && r.key !== entry(7).key);
    expect(tree.root).toEqual(buildDigestTree([...final, entry(7, 2), entry(5_000)]).root);
    expect(tree.root).not.toEqual(before);

    tree.upsert(entry(7));
    tree.upsert(entry(8));
    tree.remove(entry(5_000).key);
    expect(tree.root).toEqual(before);
    expect(tree.remove('no-such-key')).toBe(false);
    expect(tree.upsert(entry(1))).toEqual(before);
  });

  it('shows one changed record as exactly one differing bucket per level, down to its key hash', () => {
    const mine = buildDigestTree(records);
    const theirs = buildDigestTree(records);
    theirs.upsert(entry(42, 2));
    const hash = keyHash(entry(42).key);
    let path = '';
    for (let level = 0; level < mine.depth; level++) {
      const differing = compareLevel(mine.children(path), theirs.children(path));
      expect(differing).toEqual([HEX_DIGITS.indexOf(hash[level]!)]);
      path += hash[level];
    }
    expect(mine.entries(path).find((r) => r.key === entry(42).key)?.version).toBe(1);
    expect(theirs.entries(path).find((r) => r.key === entry(42).key)?.version).toBe(2);
  });

  it('lists the records under a bucket in key-hash order, with counts that add up', () => {
    const tree = buildDigestTree(records);
    expect(tree.entries('')).toEqual(byKeyHash(records));
    const children = tree.children('');
    expect(children.reduce((sum, c) => sum + c.count, 0)).toBe(2_000);
    expect(tree.entries('a')).toHaveLength(children[10]!.count);
    expect(tree.entries('a').every((r) => keyHash(r.key).startsWith('a'))).toBe(true);
  });

  it('can be kept without records: a leaf bucket recomputed from its rows updates the root', () => {
    const tree = buildDigestTree(records);
    const index = DigestIndex.fromLeafBuckets(tree.leafBuckets());
    const changed = entry(99, 4);
    const path = keyHash(changed.key).slice(0, index.depth);
    tree.upsert(changed);
    const row = index.setLeafBucket(path, tree.entries(path));
    expect(index.root).toEqual(tree.root);
    expect(row).toEqual(tree.leafBuckets().find((r) => r.path === path));
  });

  it('refuses a key twice, a stream out of key-hash order, a record in the wrong bucket', async () => {
    expect(() => buildDigestTree([entry(1), entry(1, 2)])).toThrow(
      expect.objectContaining({ problem: MerkleProblem.DuplicateKey }),
    );
    const sorted = byKeyHash(entries(10));
    await expect(DigestIndex.fromSorted([...sorted].reverse())).rejects.toMatchObject({
      problem: MerkleProblem.Unsorted,
    });
    await expect(DigestIndex.fromSorted([sorted[0]!, sorted[0]!])).rejects.toMatchObject({
      problem: MerkleProblem.DuplicateKey,
    });
    const wrong = keyHash(entry(1).key).startsWith('0') ? '111' : '000';
    expect(() => new DigestIndex().setLeafBucket(wrong, [entry(1)])).toThrow(
      expect.objectContaining({ problem: MerkleProblem.MisplacedRecord }),
    );
    expect(() => new DigestIndex({ depth: 9 })).toThrow(
      expect.objectContaining({ problem: MerkleProblem.ShapeMismatch }),
    );
  });
});
