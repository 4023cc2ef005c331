import { entry, tampered } from './merkle.fixture.js';
import { MerkleProblem } from './merkle.exception.js';
import { diffEntries, isPlanEmpty, RepairReason } from './repair-plan.js';

const v = (r: { version: number; digest: string }) => ({ version: r.version, digest: r.digest });

describe('diffEntries', () => {
  const a = entry(1);
  const b = entry(2);

  it('finds nothing to do for equal lists in any order', () => {
    expect(isPlanEmpty(diffEntries([a, b], [b, a], 'local'))).toBe(true);
  });

  it('lets the higher version win, whichever side holds it', () => {
    const newer = entry(1, 3);
    for (const side of ['local', 'remote'] as const) {
      expect(diffEntries([newer], [a], side).send).toEqual([
        { key: a.key, reason: RepairReason.Behind, local: v(newer), remote: v(a) },
      ]);
      expect(diffEntries([a], [newer], side).fetch).toEqual([
        { key: a.key, reason: RepairReason.Behind, local: v(a), remote: v(newer) },
      ]);
    }
  });

  it('at an equal version with different digests, takes the origin side’s copy', () => {
    const bad = tampered(a);
    expect(diffEntries([a], [bad], 'local')).toEqual({
      send: [{ key: a.key, reason: RepairReason.Corrupted, local: v(a), remote: v(bad) }],
      fetch: [],
      orphans: [],
    });
    expect(diffEntries([bad], [a], 'remote')).toEqual({
      send: [],
      fetch: [{ key: a.key, reason: RepairReason.Corrupted, local: v(bad), remote: v(a) }],
      orphans: [],
    });
  });

  it('sends what only the origin side holds and flags what only the replica holds', () => {
    expect(diffEntries([a], [b], 'local')).toEqual({
      send: [{ key: a.key, reason: RepairReason.Missing, local: v(a) }],
      fetch: [],
      orphans: [{ key: b.key, reason: RepairReason.Orphaned, remote: v(b) }],
    });
    expect(diffEntries([a], [b], 'remote')).toEqual({
      send: [],
      fetch: [{ key: b.key, reason: RepairReason.Missing, remote: v(b) }],
      orphans: [{ key: a.key, reason: RepairReason.Orphaned, local: v(a) }],
    });
  });

  it('refuses a peer list with a key twice or a malformed record', () => {
    expect(() => diffEntries([], [a, a], 'local')).toThrow(
      expect.objectContaining({ problem: MerkleProblem.DuplicateKey }),
    );
    expect(() => diffEntries([], [{ ...a, version: -1 }], 'local')).toThrow(
      expect.objectContaining({ problem: MerkleProblem.InvalidRecord }),
    );
  });
});
