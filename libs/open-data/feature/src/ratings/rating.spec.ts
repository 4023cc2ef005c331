import { describe, expect, it } from 'vitest';
import { ratingSummary } from './rating.js';

describe('ratingSummary', () => {
  it('averages to one decimal', () => {
    expect(ratingSummary(5 + 4 + 4, 3)).toEqual({ average: 4.3, count: 3 });
    expect(ratingSummary(5 + 4, 2)).toEqual({ average: 4.5, count: 2 });
    expect(ratingSummary(2, 1)).toEqual({ average: 2, count: 1 });
  });

  it('has no average without ratings', () => {
    expect(ratingSummary(0, 0)).toEqual({ average: null, count: 0 });
  });
});
