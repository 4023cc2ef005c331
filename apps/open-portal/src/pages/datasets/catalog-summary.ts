import type { DatasetView, OpenStatistics } from '@/api/open-data-types.js';

/** A providing department and how many open datasets it offers. */
export interface ProviderCount {
  organisationId: string;
  name: string;
  count: number;
}

/** What the home page and the catalog's facets show of the open catalog as a whole. */
export interface CatalogSummary {
  datasets: number;
  /** 主题领域 code → datasets filed under it. */
  domainCounts: Record<string, number>;
  /** Domains with at least one dataset. */
  domains: number;
  /** Departments providing at least one dataset. */
  departments: number;
  /** 提供部门, most datasets first. */
  providers: ProviderCount[];
  /** Most recently opened first. */
  newest: DatasetView[];
  /** Most downloads (all resources, all formats) first; datasets never downloaded left out. */
  mostDownloaded: DatasetView[];
}

export function downloadsOf(dataset: DatasetView): number {
  return dataset.resources.reduce((sum, r) => sum + r.downloads, 0);
}

/**
 * Counts by domain and by department, the newest and the most downloaded datasets, from the
 * datasets the list API gives (the service has no figures endpoint yet).
 */
export function summarise(datasets: readonly DatasetView[], top = 6): CatalogSummary {
  const domainCounts: Record<string, number> = {};
  const providers = new Map<string, ProviderCount>();
  for (const d of datasets) {
    if (d.domain) domainCounts[d.domain.code] = (domainCounts[d.domain.code] ?? 0) + 1;
    const known = providers.get(d.provider.organisationId);
    if (known) known.count += 1;
    else
      providers.set(d.provider.organisationId, {
        organisationId: d.provider.organisationId,
        name: d.provider.name,
        count: 1,
      });
  }
  const opened = (d: DatasetView) => d.openedAt ?? d.metadataModified;
  return {
    datasets: datasets.length,
    domainCounts,
    domains: Object.keys(domainCounts).length,
    departments: providers.size,
    providers: [...providers.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN')),
    newest: [...datasets].sort((a, b) => opened(b).localeCompare(opened(a))).slice(0, top),
    mostDownloaded: datasets
      .filter((d) => downloadsOf(d) > 0)
      .sort((a, b) => downloadsOf(b) - downloadsOf(a))
      .slice(0, top),
  };
}

/** The formats a dataset can be downloaded in, over all its resources. */
export function formatsOf(dataset: DatasetView): string[] {
  return [...new Set(dataset.resources.flatMap((r) => r.formats))].map((f) => f.toUpperCase());
}

/** The summary with the service's own counts where it gives them (they cover every dataset). */
export function withStatistics(summary: CatalogSummary, statistics: OpenStatistics | null): CatalogSummary {
  if (!statistics) return summary;
  return {
    ...summary,
    datasets: statistics.datasets,
    domains: statistics.domains.count,
    departments: statistics.departments,
    domainCounts: Object.fromEntries(statistics.domains.perDomain.map((d) => [d.code, d.datasets])),
  };
}
