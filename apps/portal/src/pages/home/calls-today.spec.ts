import { describe, expect, it } from 'vitest';
import type { MeteringRow } from '@/api/types/exchange.js';
import { callsToday, todayRange } from './calls-today.js';

const row = (calls: number, errors: number): MeteringRow => ({
  key: null,
  calls,
  ok: calls - errors,
  denied: 0,
  failed: errors,
  errors,
  latencyAvgMs: 0,
  latencyP95Ms: 0,
  latencyMaxMs: 0,
  bytes: 0,
  records: 0,
});

describe('calls today on the home page', () => {
  it('asks for the calls since midnight in China, which is still yesterday in UTC', () => {
    expect(todayRange(new Date('2026-12-07T17:30:00Z'))).toEqual({
      from: '2026-12-08T00:00:00+08:00',
      to: '2026-12-07T17:30:00.000Z',
    });
    expect(todayRange(new Date('2026-12-07T03:00:00Z')).from).toBe('2026-12-07T00:00:00+08:00');
  });

  it('adds up the calls and errors of every grant', () => {
    expect(callsToday([row(120, 3), row(5, 0)])).toEqual({ calls: 125, errors: 3 });
    expect(callsToday([])).toEqual({ calls: 0, errors: 0 });
  });
});
