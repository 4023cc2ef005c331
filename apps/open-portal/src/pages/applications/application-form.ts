import type { DatasetView } from '@/api/open-data-types.js';
import type { ApplicationRequest, ApplicationState, OwnApplicationView } from '@/api/open-people-api.js';

/** The form's fields, named as the API names them in its field errors (`fields.1` goes beside `fields`). */
export const APPLICATION_FIELDS = ['purpose', 'scenario', 'fields', 'commitments', 'validUntil'] as const;

export interface ApplicationForm {
  purpose: string;
  scenario: string;
  fields: string[];
  commitments: string[];
  /** YYYY-MM-DD from the date picker, '' until one is chosen. */
  validUntil: string;
}

export function emptyApplicationForm(): ApplicationForm {
  return { purpose: '', scenario: '', fields: [], commitments: [], validUntil: '' };
}

/** What is sent: the text as typed (the API trims and judges it), the choices in the order shown. */
export function applicationRequest(form: ApplicationForm, items: readonly string[]): ApplicationRequest {
  return {
    purpose: form.purpose,
    scenario: form.scenario,
    fields: items.filter((item) => form.fields.includes(item)),
    commitments: [...form.commitments],
    validUntil: form.validUntil,
  };
}

/** The 信息项 one may ask for: the published columns of the dataset's tables, each once, in order. */
export function publishedItems(dataset: Pick<DatasetView, 'resources'>): string[] {
  return [...new Set(dataset.resources.flatMap((r) => r.columns.map((c) => c.item)))];
}

/** States in which an application is still in progress or in force (the API takes no second one). */
const LIVE: readonly ApplicationState[] = ['submitted', 'approved', 'active'];

/** My application for the dataset that is in progress or in force, if any. */
export function liveApplicationOf(
  applications: readonly OwnApplicationView[],
  datasetId: string,
): OwnApplicationView | undefined {
  return applications.find((a) => a.dataset.id === datasetId && LIVE.includes(a.state));
}

/** May the applicant withdraw it (撤回): while it awaits review or signature, or give up a grant. */
export function mayWithdraw(application: Pick<OwnApplicationView, 'state'>): boolean {
  return LIVE.includes(application.state);
}
