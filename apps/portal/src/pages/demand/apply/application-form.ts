import type { FileApplicationBody } from '@/api/types/demand.js';

/** 申请表 — what an applicant types, before it becomes the API's body. */
export interface ApplicationForm {
  requestedItems: string[];
  purpose: string;
  legalBasis: string;
  scenario: string;
  /** `YYYY-MM-DD` from the date picker, or '' when not chosen. */
  validUntil: string;
  callsPerDay: number | null;
  recordsPerCall: number | null;
}

/** The form fields the API's field errors are shown beside (their `errors[].path`). */
export const APPLICATION_FIELDS = [
  'target',
  'target.entryId',
  'target.entryCode',
  'requestedItems',
  'purpose',
  'legalBasis',
  'scenario',
  'validUntil',
  'expectedVolume',
  'expectedVolume.callsPerDay',
  'expectedVolume.recordsPerCall',
] as const;

export function emptyApplicationForm(items: readonly string[] = []): ApplicationForm {
  return {
    requestedItems: [...items],
    purpose: '',
    legalBasis: '',
    scenario: '',
    validUntil: '',
    callsPerDay: null,
    recordsPerCall: null,
  };
}

/** The entry applied for: by id when this node holds it as its own, by code for a replica of another node's. */
export type EntryTarget = { entryId: string } | { entryCode: string };

/**
 * The body of `POST /demand/applications`: what was typed, as typed (the API checks it and its field
 * errors are shown beside the fields); optional parts left empty are left out.
 */
export function applicationBody(target: EntryTarget, form: ApplicationForm): FileApplicationBody {
  const volume = {
    ...(form.callsPerDay !== null ? { callsPerDay: form.callsPerDay } : {}),
    ...(form.recordsPerCall !== null ? { recordsPerCall: form.recordsPerCall } : {}),
  };
  return {
    target: { kind: 'entry', ...target },
    requestedItems: [...form.requestedItems],
    purpose: form.purpose,
    legalBasis: form.legalBasis,
    ...(form.scenario.trim() ? { scenario: form.scenario } : {}),
    validUntil: form.validUntil,
    ...(Object.keys(volume).length > 0 ? { expectedVolume: volume } : {}),
  };
}
