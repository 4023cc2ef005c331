import type { ChartOption } from '@govdata/web-ui/charts';

/** One bar or slice: its label (already translated) and value. */
export interface Figure {
  label: string;
  value: number;
}

/** A horizontal bar chart: long Chinese names (organisations, statuses) stay readable at 390 px. */
export function barOption(figures: readonly Figure[], seriesName: string, colour = '#3a6fd8'): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: figures.map((f) => f.label), inverse: true },
    series: [{ type: 'bar', name: seriesName, data: figures.map((f) => f.value), itemStyle: { color: colour } }],
  } as ChartOption;
}

/** Two series per category (e.g. overdue and due date unknown, per organisation), stacked. */
export function stackedBarOption(
  categories: readonly string[],
  series: ReadonlyArray<{ name: string; values: readonly number[]; colour: string }>,
): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: [...categories], inverse: true },
    series: series.map((s) => ({
      type: 'bar',
      stack: 'all',
      name: s.name,
      data: [...s.values],
      itemStyle: { color: s.colour },
    })),
  } as ChartOption;
}

export function pieOption(figures: readonly Figure[], seriesName: string): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        name: seriesName,
        radius: ['40%', '68%'],
        top: 0,
        bottom: 28,
        data: figures.map((f) => ({ name: f.label, value: f.value })),
      },
    ],
  } as ChartOption;
}

/** The figures in words, for the chart's text alternative: "草稿 3，已发布 12". */
export function describeFigures(figures: readonly Figure[], separator: string): string {
  return figures.map((f) => `${f.label} ${f.value}`).join(separator);
}

/** Entries per status in the order a catalog moves, leaving out statuses with none. */
export function entryStatusFigures(
  entries: Readonly<Record<string, number>>,
  label: (status: string) => string,
): Figure[] {
  const order = ['draft', 'submitted', 'returned', 'approved', 'published', 'retired'];
  const known = order.filter((s) => (entries[s] ?? 0) > 0);
  const others = Object.keys(entries).filter((s) => !order.includes(s) && (entries[s] ?? 0) > 0);
  return [...known, ...others].map((status) => ({ label: label(status), value: entries[status]! }));
}

/** Counts of a field's values (e.g. child nodes per status), in first-seen order. */
export function countBy<T>(items: readonly T[], key: (item: T) => string, label: (value: string) => string): Figure[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ label: label(value), value: count }));
}
