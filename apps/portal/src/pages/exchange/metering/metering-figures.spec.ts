import { describe, expect, it } from 'vitest';
import type { MeteringRow } from '@/api/types/exchange.js';
import { callsByOutcomeOption, describeCalls, meteredKeys } from './metering-figures.js';

const row = (key: string | null, ok: number, denied: number, failed: number): MeteringRow => ({
  key,
  calls: ok + denied + failed,
  ok,
  denied,
  failed,
  errors: denied + failed,
  latencyAvgMs: 10,
  latencyP95Ms: 20,
  latencyMaxMs: 30,
  bytes: 100,
  records: ok,
});

describe('metering figures', () => {
  const names: Record<string, string> = { a: '江西省公安厅', b: '江西省民政厅' };
  const keys = meteredKeys([row('a', 1, 0, 0), row('b', 3, 1, 1), row(null, 0, 1, 0)], (k) =>
    k ? names[k]! : '（未对应）',
  );

  it('labels the keys and puts the most called first', () => {
    expect(keys.map((k) => [k.label, k.row.calls])).toEqual([
      ['江西省民政厅', 5],
      ['江西省公安厅', 1],
      ['（未对应）', 1],
    ]);
  });

  it('stacks calls by outcome per key, one series per outcome', () => {
    const option = callsByOutcomeOption(keys, (o) => ({ ok: '成功', denied: '拒绝', failed: '失败' })[o]) as {
      yAxis: { data: string[] };
      series: Array<{ name: string; data: number[]; stack: string }>;
    };
    expect(option.yAxis.data).toEqual(['江西省民政厅', '江西省公安厅', '（未对应）']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['成功', [3, 1, 0]],
      ['拒绝', [1, 0, 1]],
      ['失败', [1, 0, 0]],
    ]);
  });

  it('says the chart in words', () => {
    expect(describeCalls(keys.slice(0, 2), (k) => `${k.label} ${k.row.calls} 次`, '；')).toBe(
      '江西省民政厅 5 次；江西省公安厅 1 次',
    );
  });
});
