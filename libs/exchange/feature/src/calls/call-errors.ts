import { GovdataError } from '@govdata/platform-errors';

/** The error with a machine-readable `reason` beside its code (the answer's `reason` member). */
export function withReason(error: GovdataError, reason: string): GovdataError {
  return new GovdataError(error.code, error.message, error.fields, { ...error.extra, reason });
}
