import { ApiError } from '@govdata/web-ui';
import { shallowRef } from 'vue';
import { openDataApi } from '@/api/open-data-api.js';
import type { DatasetView, OpenVocabulary } from '@/api/open-data-types.js';
import { summarise, withStatistics, type CatalogSummary } from '@/pages/datasets/catalog-summary.js';

/** How many open datasets the summary reads (pages of 100) before it says it counted only these. */
export const SUMMARY_LIMIT = 1_000;

export interface OpenCatalog {
  vocabulary: OpenVocabulary;
  summary: CatalogSummary;
  /** More datasets exist than the list read (the figures are the service's when it counts them). */
  partial: boolean;
}

let pending: Promise<OpenCatalog> | undefined;

async function load(): Promise<OpenCatalog> {
  const [vocabulary, statistics, list] = await Promise.all([
    openDataApi.vocabulary(),
    // The service's own figures when it has them; else those counted from the list.
    openDataApi.statistics().catch(() => null),
    readList(),
  ]);
  return { vocabulary, summary: withStatistics(summarise(list.datasets), statistics), partial: list.partial };
}

/** The open datasets, newest change first, up to {@link SUMMARY_LIMIT}. */
async function readList(): Promise<{ datasets: DatasetView[]; partial: boolean }> {
  const datasets: DatasetView[] = [];
  let after: string | undefined;
  do {
    const page = await openDataApi.datasets({ limit: 100, after });
    datasets.push(...page.items);
    after = page.next ?? undefined;
  } while (after && datasets.length < SUMMARY_LIMIT);
  return { datasets, partial: after !== undefined };
}

/**
 * The vocabulary and the figures of the open catalog, read once per visit: datasets, domains and
 * departments from the service's statistics; the departments' names and counts (the department
 * facet), the newest and the most downloaded from the dataset list — the service has no facets
 * endpoint yet.
 */
export function useOpenCatalog() {
  const catalog = shallowRef<OpenCatalog | null>(null);
  const error = shallowRef<ApiError | null>(null);
  pending ??= load().catch((e: unknown) => {
    pending = undefined;
    throw e;
  });
  pending.then(
    (value) => (catalog.value = value),
    (e: unknown) => (error.value = e instanceof ApiError ? e : ApiError.unreachable('open-data', e)),
  );
  return { catalog, error };
}
