import { consistencyPlan, inclusionPlan, nodesOf, rangeNodes, rootPlan } from './proof-plan.js';

// What the stored log reads for a root or a proof: a few complete subtrees, never a scan.
describe('proof plans', () => {
  const sizes = [1, 2, 3, 7, 8, 1000, 1023, 1024, 1025, 123_456_789, 2 ** 40 - 1, 2 ** 40 + 12_345, 2 ** 52 + 3];
  const log2 = (n: number) => Math.ceil(Math.log2(Math.max(n, 2)));

  it('reads at most 2·⌈log₂ n⌉ + 1 stored nodes for any root, inclusion or consistency proof', () => {
    for (const n of sizes) {
      expect(nodesOf([rootPlan(n)]).length).toBeLessThanOrEqual(log2(n) + 1);
      for (const m of [0, 1, Math.floor(n / 3), n - 2, n - 1].filter((i) => i >= 0 && i < n)) {
        expect(nodesOf(inclusionPlan(m, n)).length).toBeLessThanOrEqual(2 * log2(n) + 1);
        if (m > 0) expect(nodesOf(consistencyPlan(m, n)).length).toBeLessThanOrEqual(2 * log2(n) + 1);
      }
    }
  });

  it('tiles a range with aligned complete subtrees, largest first', () => {
    for (const n of sizes.slice(0, 9)) {
      const nodes = rangeNodes(0, n);
      expect(nodes.reduce((sum, node) => sum + 2 ** node.level, 0)).toBe(n);
      let at = 0;
      for (const node of nodes) {
        expect(node.index * 2 ** node.level).toBe(at);
        at += 2 ** node.level;
      }
    }
    expect(rangeNodes(2 ** 52, 2 ** 52 + 3)).toEqual([
      { level: 1, index: 2 ** 51 },
      { level: 0, index: 2 ** 52 + 2 },
    ]);
  });
});
