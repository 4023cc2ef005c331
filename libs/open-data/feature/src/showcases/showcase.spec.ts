import { describe, expect, it } from 'vitest';
import { nextShowcaseStatus, SHOWCASE_STATUSES, SHOWCASE_TRANSITIONS, type ShowcaseDecision } from './showcase.js';

describe('the showcase state table', () => {
  it('walks every cell: only a submitted showcase is decided, once', () => {
    const decisions: ShowcaseDecision[] = ['approve', 'refuse'];
    const cells = SHOWCASE_STATUSES.flatMap((from) => decisions.map((d) => [from, d, nextShowcaseStatus(from, d)]));
    expect(cells).toEqual([
      ['submitted', 'approve', 'approved'],
      ['submitted', 'refuse', 'refused'],
      ['approved', 'approve', null],
      ['approved', 'refuse', null],
      ['refused', 'approve', null],
      ['refused', 'refuse', null],
    ]);
  });

  it('asks a reason of a refusal only', () => {
    expect(SHOWCASE_TRANSITIONS.filter((t) => t.reasonRequired).map((t) => t.decision)).toEqual(['refuse']);
  });
});
