import type { MeteringRow } from '@/api/types/exchange.js';

/**
 * 调用次数（今日） — the period of `GET /exchange/metering` for today: from midnight in China (the
 * platform's calendar day, Asia/Shanghai, UTC+8 all year) to now.
 */
export function todayRange(now: Date = new Date()): { from: string; to: string } {
  const day = now.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  return { from: `${day}T00:00:00+08:00`, to: now.toISOString() };
}

/**
 * Today's calls from the metering rows `by=grant`: every call is made under one grant, so the rows
 * add up to the calls the person may see (their organisation's, or the node's for its auditors)
 * without counting a call twice.
 */
export function callsToday(rows: readonly MeteringRow[]): { calls: number; errors: number } {
  return rows.reduce((sum, row) => ({ calls: sum.calls + row.calls, errors: sum.errors + row.errors }), {
    calls: 0,
    errors: 0,
  });
}
