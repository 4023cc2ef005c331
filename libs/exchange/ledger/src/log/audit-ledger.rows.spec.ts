import {
  toCheckpoint,
  toHead,
  toLeaf,
  toLeafIndex,
  toLeafRecord,
  toSignedNote,
  toSubtree,
} from './audit-ledger.rows.js';

const hash = Buffer.alloc(32, 7);
const at = new Date('2026-03-01T02:03:04Z');

describe('audit ledger row mappers', () => {
  it('reads bigint columns, which PostgreSQL sends as decimal strings, as numbers — beyond 2^32 too', () => {
    expect(toLeafIndex({ leaf_index: '4294967301' })).toBe(4_294_967_301);
    expect(toLeafRecord({ leaf_index: '12', leaf_hash: hash, record: { a: 1 }, appended_at: at })).toEqual({
      leafIndex: 12,
      leafHash: hash,
      record: { a: 1 },
      appendedAt: at,
    });
    expect(toLeaf({ leaf_index: '0', leaf_hash: hash })).toEqual({ leafIndex: 0, leafHash: hash, record: undefined });
  });

  it('maps the head, checkpoints and subtrees column by column', () => {
    expect(toHead({ tree_size: '27', root_hash: hash, hash_algorithm: 'SM3' })).toEqual({
      treeSize: 27,
      rootHash: hash,
      hashAlgorithm: 'SM3',
    });
    expect(toCheckpoint({ tree_size: '8', root_hash: hash, note: 'note\n', signed_at: at })).toEqual({
      treeSize: 8,
      rootHash: hash,
      note: 'note\n',
      signedAt: at,
    });
    expect(toSignedNote({ tree_size: '9', note: 'n' })).toEqual({ treeSize: 9, note: 'n' });
    expect(toSubtree({ level: 3, node_index: '5', hash })).toEqual({ level: 3, index: 5, hash });
  });
});
