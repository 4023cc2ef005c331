import type { MaskedField, ResponseMasker } from './masking-policy.js';
import type { PermittedItems } from './permitted-items.js';
import { locateRecords, rewriteRecords } from './response-records.js';

export interface PolicedResponse {
  body: unknown;
  /** Record fields the grant does not permit, removed (dotted paths within a record). */
  removed: string[];
  /** Nested envelope members removed beside the records. */
  envelopeRemoved: string[];
  /** Fields masked for the data's grade, with category and rule. */
  masked: MaskedField[];
  /** Where the records were: '' the body, `data.list` … */
  recordsAt: string;
}

/**
 * The item policy of one call on a response: unpermitted fields removed, then the rest masked by the
 * grade of the data — one pass over the records, found once. What was removed and masked is returned
 * for the audit record of the call.
 */
export function applyResponsePolicy(
  body: unknown,
  permitted: PermittedItems,
  masker: ResponseMasker,
  recordsAt?: string,
): PolicedResponse {
  const path = locateRecords(body, recordsAt, (key) => permitted.isField(key));
  const removed = new Set<string>();
  const masked = new Map<string, MaskedField>();
  const report = { envelopeRemoved: [] as string[], notRecords: 0 };
  const out = rewriteRecords(
    body,
    path,
    (record) => masker.maskRecord(permitted.filterRecord(record, removed), masked),
    report,
  );
  if (report.notRecords > 0) removed.add('(value)');
  return {
    body: out,
    removed: [...removed].sort(),
    envelopeRemoved: report.envelopeRemoved.sort(),
    masked: [...masked.values()].sort((a, b) => a.field.localeCompare(b.field)),
    recordsAt: path.join('.'),
  };
}
