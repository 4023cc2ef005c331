import { emptyDivergence, toAntiEntropyRun, toSetVerification } from './anti-entropy.repository.js';

const at = new Date('2026-03-01T00:00:00Z');

describe('anti-entropy row mappers', () => {
  it('reads a set verification, its bigint counts as numbers', () => {
    const divergence = { ...emptyDivergence(), missing: 2 };
    const raw = {
      child_code: '360100',
      origin: '360102',
      parent_digest: 'a'.repeat(64),
      parent_count: '5000000000',
      child_digest: 'b'.repeat(64),
      child_count: '3',
      in_sync: false,
      compared_at: at,
      verified_at: null,
      divergence,
    };
    expect(toSetVerification(raw)).toEqual({
      childCode: '360100',
      origin: '360102',
      parentDigest: 'a'.repeat(64),
      parentCount: 5_000_000_000,
      childDigest: 'b'.repeat(64),
      childCount: 3,
      inSync: false,
      comparedAt: at,
      verifiedAt: null,
      divergence,
    });
    expect(toSetVerification({ ...raw, verified_at: at }).verifiedAt).toBe(at);
  });

  it('reads a run without its row id', () => {
    const divergence = emptyDivergence();
    expect(
      toAntiEntropyRun({
        id: '17',
        child_code: '360100',
        session_id: 's1',
        finished_at: at,
        sets: 2,
        divergence,
        applied: 1,
        removed: 0,
        verified: true,
      }),
    ).toEqual({
      childCode: '360100',
      sessionId: 's1',
      finishedAt: at,
      sets: 2,
      divergence,
      applied: 1,
      removed: 0,
      verified: true,
    });
  });
});
