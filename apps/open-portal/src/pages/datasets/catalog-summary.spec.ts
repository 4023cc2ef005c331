import { describe, expect, it } from 'vitest';
import type { DatasetView } from '@/api/open-data-types.js';
import { formatsOf, summarise, withStatistics } from './catalog-summary.js';

function dataset(id: string, over: Partial<DatasetView> & { downloads?: number[] } = {}): DatasetView {
  const { downloads = [0], ...rest } = over;
  return {
    id,
    entryId: id,
    entryCode: `C-${id}`,
    nodeCode: '100000',
    name: `数据集${id}`,
    abstract: '',
    provider: { organisationId: 'org-a', name: '江西省公安厅', code: 'A' },
    openType: { type: 'unconditional', label: { zh: '无条件开放', en: 'Open' }, conditions: '' },
    domain: { code: 'livelihood', zh: '社会民生', en: 'Livelihood' },
    licence: null,
    updateCycle: { code: 'daily', label: { zh: '每日', en: 'Daily' } },
    regionCode: '360000',
    tags: [],
    items: [],
    status: 'open',
    statusLabel: { zh: '已开放', en: 'Open' },
    openedAt: '2026-01-01T00:00:00Z',
    archivedAt: null,
    archivedReason: null,
    metadataModified: '2026-01-01T00:00:00Z',
    resources: downloads.map((n, i) => ({
      id: `${id}-r${i}`,
      kind: 'table',
      kindLabel: { zh: '数据表', en: 'Table' },
      name: 't',
      columns: [],
      formats: ['csv', 'json'],
      downloads: n,
      updatedAt: '2026-01-01T00:00:00Z',
    })),
    showcases: 0,
    rating: { average: null, count: 0 },
    ...rest,
  };
}

describe('the open catalog’s summary', () => {
  const list = [
    dataset('1', { openedAt: '2026-03-01T00:00:00Z', downloads: [2, 3] }),
    dataset('2', {
      openedAt: '2026-05-01T00:00:00Z',
      domain: { code: 'transport', zh: '道路交通', en: 'Transport' },
      provider: { organisationId: 'org-b', name: '江西省交通运输厅', code: 'B' },
      downloads: [9],
    }),
    dataset('3', { openedAt: '2026-04-01T00:00:00Z', domain: null }),
  ];

  it('counts datasets by domain and by department, most datasets first', () => {
    const summary = summarise(list);
    expect(summary).toMatchObject({
      datasets: 3,
      domains: 2,
      departments: 2,
      domainCounts: { livelihood: 1, transport: 1 },
    });
    expect(summary.providers).toEqual([
      { organisationId: 'org-a', name: '江西省公安厅', count: 2 },
      { organisationId: 'org-b', name: '江西省交通运输厅', count: 1 },
    ]);
  });

  it('puts the newest opened first and ranks downloads over all resources, leaving out the never downloaded', () => {
    const summary = summarise(list);
    expect(summary.newest.map((d) => d.id)).toEqual(['2', '3', '1']);
    expect(summary.mostDownloaded.map((d) => d.id)).toEqual(['2', '1']);
  });

  it('takes the service’s own figures when it gives them', () => {
    const summary = withStatistics(summarise(list), {
      datasets: 120,
      departments: 14,
      domains: { count: 9, perDomain: [{ code: 'health', zh: '医疗卫生', en: 'Health', datasets: 30 }] },
    });
    expect(summary).toMatchObject({ datasets: 120, departments: 14, domains: 9, domainCounts: { health: 30 } });
    expect(summary.providers).toHaveLength(2);
  });

  it('lists each download format once, in capitals', () => {
    expect(formatsOf(list[0]!)).toEqual(['CSV', 'JSON']);
  });
});
