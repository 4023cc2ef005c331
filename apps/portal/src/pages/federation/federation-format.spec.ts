import { describe, expect, it } from 'vitest';
import { confirmsCode, dateTime, divergenceParts, divergenceTotal, shortDigest } from './federation-format.js';

describe('federation formatting', () => {
  it('shows moments in China Standard Time', () => {
    expect(dateTime('2026-12-07T17:40:00.000Z')).toBe('2026-12-08 01:40');
    expect(dateTime(null)).toBe('—');
  });

  it('counts and names the differences a comparison found', () => {
    const d = { missing: 2, behind: 0, corrupted: 1, orphaned: 0, ahead: 0 };
    expect(divergenceTotal(d)).toBe(3);
    expect(divergenceParts(d)).toEqual([
      { kind: 'missing', count: 2 },
      { kind: 'corrupted', count: 1 },
    ]);
    expect(divergenceParts({ missing: 0, behind: 0, corrupted: 0, orphaned: 0, ahead: 0 })).toEqual([]);
  });

  it('shortens digests and checks the typed code', () => {
    expect(shortDigest('a'.repeat(64))).toBe(`${'a'.repeat(16)}…`);
    expect(shortDigest('abc')).toBe('abc');
    expect(confirmsCode(' 360100 ', '360100')).toBe(true);
    expect(confirmsCode('36010', '360100')).toBe(false);
    expect(confirmsCode('91360100mb0000000x', '91360100MB0000000X')).toBe(true);
  });
});
