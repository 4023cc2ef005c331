import type { ApprovalBody } from '@/api/types/open-data.js';

/** The approval form's fields, as the API names them in its field errors (`fields.0` beside `fields`). */
export const APPROVAL_FIELDS = ['fields', 'validUntil', 'conditions'] as const;

export interface ApprovalForm {
  /** The asked fields granted: all of them ticked to begin with. */
  fields: string[];
  /** An earlier last day than asked, YYYY-MM-DD; '' keeps the day asked for. */
  validUntil: string;
  /** The department's own conditions, written into the agreement; '' for none. */
  conditions: string;
}

export function approvalFormFor(asked: readonly string[]): ApprovalForm {
  return { fields: [...asked], validUntil: '', conditions: '' };
}

/**
 * 批准: the fields only when fewer than asked (in the order asked; none ticked is sent as none, for
 * the API to refuse by name), the day only when one was chosen, the conditions only when written.
 */
export function approvalBody(form: ApprovalForm, asked: readonly string[]): ApprovalBody {
  const fields = asked.filter((f) => form.fields.includes(f));
  const conditions = form.conditions.trim();
  return {
    decision: 'approve',
    ...(fields.length === asked.length ? {} : { fields }),
    ...(form.validUntil ? { validUntil: form.validUntil } : {}),
    ...(conditions ? { conditions } : {}),
  };
}
