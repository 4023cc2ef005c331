import type { ResourceView } from '@/api/open-data-types.js';
import type { RowsQuery } from '@/api/open-data-api.js';

/** Rows a preview page shows. */
export const PREVIEW_ROWS = 20;

/** Columns the rows API sorts and filters by: the published ones that are not masked. */
export function queryableColumns(resource: Pick<ResourceView, 'columns'>): string[] {
  return resource.columns.filter((c) => !c.masked).map((c) => c.item);
}

export interface PreviewState {
  sortItem: string;
  sortDirection: 'asc' | 'desc';
  filterItem: string;
  filterValue: string;
}

/** The rows query of a preview: the sort and the one filter when both parts are given. */
export function previewQuery(state: PreviewState, after?: string): RowsQuery {
  const filterValue = state.filterValue.trim();
  return {
    limit: PREVIEW_ROWS,
    after,
    sort: state.sortItem ? `${state.sortItem} ${state.sortDirection}` : undefined,
    filters: state.filterItem && filterValue !== '' ? { [state.filterItem]: filterValue } : undefined,
  };
}
