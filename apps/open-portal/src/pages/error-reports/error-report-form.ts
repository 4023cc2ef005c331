import type { DatasetView, ErrorReportStatus } from '@/api/open-data-types.js';
import type { ErrorReportRequest } from '@/api/open-people-api.js';

/** The form's fields, named as the API names them in its field errors. */
export const ERROR_REPORT_FIELDS = ['resourceId', 'item', 'rowHint', 'description'] as const;

export interface ErrorReportForm {
  /** The table, '' when the dataset has one or the reporter does not say. */
  resourceId: string;
  /** A published 信息项, '' for none. */
  item: string;
  rowHint: string;
  description: string;
}

export function emptyErrorReportForm(): ErrorReportForm {
  return { resourceId: '', item: '', rowHint: '', description: '' };
}

/** What is sent: the description as typed (the API judges it); what was left empty is left out. */
export function errorReportRequest(form: ErrorReportForm): ErrorReportRequest {
  return {
    ...(form.resourceId ? { resourceId: form.resourceId } : {}),
    ...(form.item ? { item: form.item } : {}),
    ...(form.rowHint.trim() ? { rowHint: form.rowHint } : {}),
    description: form.description,
  };
}

/** The 信息项 one may name: the published columns of the table chosen, or of all its tables. */
export function reportableItems(dataset: Pick<DatasetView, 'resources'>, resourceId: string): string[] {
  const tables = resourceId ? dataset.resources.filter((r) => r.id === resourceId) : dataset.resources;
  return [...new Set(tables.flatMap((r) => r.columns.map((c) => c.item)))];
}

/** The tag's colour for a report's status: awaiting the department, corrected, or checked and right. */
export const ERROR_REPORT_TONES: Record<ErrorReportStatus, 'warning' | 'success' | 'info'> = {
  open: 'warning',
  corrected: 'success',
  rejected: 'info',
};
