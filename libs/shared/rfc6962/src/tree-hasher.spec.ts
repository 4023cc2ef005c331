import { createHash } from 'node:crypto';
import {
  EMPTY_ROOT,
  findTreeHasher,
  hashChildren,
  hashLeaf,
  merkleTreeHash,
  SHA256_TREE,
  SM3_TREE,
  splitPoint,
} from './tree-hasher.js';

// RFC 6962 reference vectors (certificate-transparency / transparency-dev merkle testdata): the
// roots of the trees over the first 1–8 of these leaves.
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

const digest = (name: string, ...parts: Buffer[]) => createHash(name).update(Buffer.concat(parts)).digest('hex');

describe('RFC 6962 tree hashing', () => {
  it('matches the reference roots for trees of 0 to 8 leaves', () => {
    expect(merkleTreeHash([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(EMPTY_ROOT.toString('hex')).toBe(digest('sha256'));
    const leaves = CT_LEAVES.map(hashLeaf);
    for (let n = 1; n <= 8; n++) expect(merkleTreeHash(leaves.slice(0, n)).toString('hex')).toBe(CT_ROOTS[n - 1]);
  });

  it('separates leaves from nodes: 0x00 ‖ data versus 0x01 ‖ left ‖ right', () => {
    const [l, r] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    expect(hashLeaf(l).toString('hex')).toBe(digest('sha256', Buffer.from([0]), l));
    expect(hashChildren(l, r).toString('hex')).toBe(digest('sha256', Buffer.from([1]), l, r));
    expect(hashLeaf(Buffer.concat([l, r])).toString('hex')).not.toBe(hashChildren(l, r).toString('hex'));
  });

  it('runs the same construction over SM3 under the 国密 profile', () => {
    const [l, r] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    expect(SM3_TREE.emptyRoot.toString('hex')).toBe(digest('sm3'));
    expect(SM3_TREE.hashLeaf(l).toString('hex')).toBe(digest('sm3', Buffer.from([0]), l));
    expect(SM3_TREE.hashChildren(l, r).toString('hex')).toBe(digest('sm3', Buffer.from([1]), l, r));
    const leaves = CT_LEAVES.slice(0, 3).map((leaf) => SM3_TREE.hashLeaf(leaf));
    const expected = SM3_TREE.hashChildren(SM3_TREE.hashChildren(leaves[0]!, leaves[1]!), leaves[2]!);
    expect(merkleTreeHash(leaves, SM3_TREE)).toEqual(expected);
  });

  it('splits a tree of n leaves at the largest power of two below n', () => {
    const reference = (n: number) => {
      let k = 1;
      while (k * 2 < n) k *= 2;
      return k;
    };
    for (let n = 2; n <= 1100; n++) expect(splitPoint(n)).toBe(reference(n));
    for (const n of [2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 40, 2 ** 53 - 1]) expect(splitPoint(n)).toBe(reference(n));
  });

  it('finds the hasher of a stated name and nothing for an unknown one', () => {
    expect(findTreeHasher('SHA-256')).toBe(SHA256_TREE);
    expect(findTreeHasher('SM3')).toBe(SM3_TREE);
    expect(findTreeHasher('sha256')).toBeUndefined();
    expect(findTreeHasher('toString')).toBeUndefined();
  });
});
