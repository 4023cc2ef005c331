import { ApiError, asProblem } from '@govdata/web-ui';
import type {
  CkanOrganization,
  CommentPage,
  DatasetPage,
  DatasetView,
  DemandPage,
  DemandStatus,
  DemandView,
  OpenStatistics,
  OpenVocabulary,
  RowsPage,
  ShowcasePage,
  ShowcaseView,
} from './open-data-types.js';

/** Where the open-data service's public API is, on the same origin as the portal. */
export const OPEN_DATA_API = '/api/v1/open-data';

export interface DatasetListQuery {
  q?: string;
  domain?: string;
  organisationId?: string;
  status?: 'open' | 'archived';
  after?: string;
  limit?: number;
}

export interface DemandListQuery {
  status?: DemandStatus;
  after?: string;
  limit?: number;
}

export interface ShowcaseListQuery {
  datasetId?: string;
  after?: string;
  limit?: number;
}

export interface RowsQuery {
  /** 信息项 → value; only unmasked published items (the API answers 400 otherwise). */
  filters?: Record<string, string>;
  /** `信息项` or `信息项 desc`. */
  sort?: string;
  after?: string;
  limit?: number;
}

/** The query string of a request: empty values left out. */
export function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The REST address of a resource's rows (shown in the dataset page's API section as well). */
export function rowsPath(datasetId: string, resourceId: string): string {
  return `${OPEN_DATA_API}/datasets/${encodeURIComponent(datasetId)}/resources/${encodeURIComponent(resourceId)}/rows`;
}

/** The download address of a resource in a format: a plain link, the browser saves the file. */
export function downloadPath(datasetId: string, resourceId: string, format: string): string {
  return `${OPEN_DATA_API}/datasets/${encodeURIComponent(datasetId)}/resources/${encodeURIComponent(resourceId)}/download?format=${encodeURIComponent(format)}`;
}

/** CKAN's `package_show` for the dataset (its CKAN id is its id). */
export function ckanPackageShowPath(datasetId: string): string {
  return `/api/3/action/package_show?id=${encodeURIComponent(datasetId)}`;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The anonymous client of the node's open-data API: JSON in, an {@link ApiError} with the problem
 * body for any answer that is not 2xx, and `unreachable` when there is no answer at all.
 */
export function createOpenDataApi(fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init)) {
  async function get<T>(path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(path, { headers: { Accept: 'application/json, application/problem+json' } });
    } catch (error) {
      throw ApiError.unreachable('open-data', error);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new ApiError(response.status, 'open-data', asProblem(body));
    return body as T;
  }

  return {
    vocabulary: () => get<OpenVocabulary>(`${OPEN_DATA_API}/vocabulary`),
    statistics: () => get<OpenStatistics>(`${OPEN_DATA_API}/statistics`),
    datasets: (query: DatasetListQuery = {}) =>
      get<DatasetPage>(`${OPEN_DATA_API}/datasets${queryString({ ...query })}`),
    dataset: (id: string) => get<DatasetView>(`${OPEN_DATA_API}/datasets/${encodeURIComponent(id)}`),
    rows: (datasetId: string, resourceId: string, query: RowsQuery = {}) =>
      get<RowsPage>(
        `${rowsPath(datasetId, resourceId)}${queryString({
          filters: query.filters && Object.keys(query.filters).length > 0 ? JSON.stringify(query.filters) : undefined,
          sort: query.sort,
          after: query.after,
          limit: query.limit,
        })}`,
      ),
    demands: (query: DemandListQuery = {}) => get<DemandPage>(`${OPEN_DATA_API}/demands${queryString({ ...query })}`),
    demand: (id: string) => get<DemandView>(`${OPEN_DATA_API}/demands/${encodeURIComponent(id)}`),
    showcases: (query: ShowcaseListQuery = {}) =>
      get<ShowcasePage>(`${OPEN_DATA_API}/showcases${queryString({ ...query })}`),
    showcase: (id: string) => get<ShowcaseView>(`${OPEN_DATA_API}/showcases/${encodeURIComponent(id)}`),
    comments: (datasetId: string, query: { after?: string; limit?: number } = {}) =>
      get<CommentPage>(
        `${OPEN_DATA_API}/datasets/${encodeURIComponent(datasetId)}/comments${queryString({ ...query })}`,
      ),
    /** The departments that provide data on this node (CKAN's organizations), to name one asked. */
    departments: async () =>
      (await get<{ result: CkanOrganization[] }>('/api/3/action/organization_list?all_fields=true')).result,
  };
}

export type OpenDataApi = ReturnType<typeof createOpenDataApi>;

/** The portal's one client. */
export const openDataApi = createOpenDataApi();
