import type { ChartOption } from '@govdata/web-ui/charts';
import type { MeteringRow } from '@/api/types/exchange.js';

/** The outcomes a call ends with, as the metering counts them, and the colour each is drawn in. */
export const OUTCOMES = [
  { key: 'ok', colour: '#2e7d32' },
  { key: 'denied', colour: '#b26a00' },
  { key: 'failed', colour: '#c62828' },
] as const;
export type Outcome = (typeof OUTCOMES)[number]['key'];

/** One bar of the chart: the key's label (an organisation's name, a resource's) and its row. */
export interface MeteredKey {
  label: string;
  row: MeteringRow;
}

/** Rows with their labels, most calls first (the chart reads from the top). */
export function meteredKeys(rows: readonly MeteringRow[], label: (key: string | null) => string): MeteredKey[] {
  return [...rows].sort((a, b) => b.calls - a.calls).map((row) => ({ label: label(row.key), row }));
}

/** Calls per key, stacked by outcome, as horizontal bars (long Chinese names stay readable at 390 px). */
export function callsByOutcomeOption(keys: readonly MeteredKey[], outcomeName: (o: Outcome) => string): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: keys.map((k) => k.label), inverse: true },
    series: OUTCOMES.map((o) => ({
      type: 'bar',
      stack: 'calls',
      name: outcomeName(o.key),
      data: keys.map((k) => k.row[o.key]),
      itemStyle: { color: o.colour },
    })),
  } as ChartOption;
}

/** Average and 95th-percentile latency per key, side by side. */
export function latencyOption(keys: readonly MeteredKey[], names: { avg: string; p95: string }): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: keys.map((k) => k.label), inverse: true },
    series: [
      { type: 'bar', name: names.avg, data: keys.map((k) => k.row.latencyAvgMs), itemStyle: { color: '#3a6fd8' } },
      { type: 'bar', name: names.p95, data: keys.map((k) => k.row.latencyP95Ms), itemStyle: { color: '#7b4fc9' } },
    ],
  } as ChartOption;
}

/** The chart in words, for its text alternative: "江西省公安厅 3 次（成功 2，拒绝 1，失败 0）". */
export function describeCalls(keys: readonly MeteredKey[], line: (k: MeteredKey) => string, separator: string): string {
  return keys.map(line).join(separator);
}
