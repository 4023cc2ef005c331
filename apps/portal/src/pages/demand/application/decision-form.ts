import type { ApplicationVerb } from './application-actions.js';

/** What a person types to take a decision on an application (the fields the verb uses). */
export interface DecisionForm {
  comment: string;
  /** 法定事由 (reject on the provider side, revoke). */
  groundCode: string;
  /** The entry registered for data not catalogued yet (answer). */
  entryId: string;
  /** The ruling on a contest. */
  decision: 'uphold' | 'overturn' | '';
  /** Provider review: ask the data authority to review too. */
  referToAuthority: boolean;
}

export function emptyDecisionForm(): DecisionForm {
  return { comment: '', groundCode: '', entryId: '', decision: '', referToAuthority: false };
}

/** The form fields a verb shows; the API's field errors are shown beside them. */
export function decisionFields(verb: ApplicationVerb, citesGround: boolean, providerReview: boolean): string[] {
  switch (verb) {
    case 'approve':
      return providerReview ? ['referToAuthority', 'comment'] : ['comment'];
    case 'reject':
      return citesGround ? ['groundCode', 'comment'] : ['comment'];
    case 'answer':
      return ['entryId', 'comment'];
    case 'decide-contest':
      return ['decision', 'comment'];
    case 'revoke':
      return ['groundCode', 'comment'];
    case 'contest':
    case 'withdraw':
      return ['comment'];
  }
}

/**
 * The body of `POST /applications/:id/<verb>`: the fields the verb shows, as typed (the API checks
 * them; what it refuses is shown beside the field). Empty optional text is left out.
 */
export function decisionBody(
  verb: ApplicationVerb,
  fields: readonly string[],
  form: DecisionForm,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field === 'referToAuthority') {
      if (form.referToAuthority) body.referToAuthority = true;
      continue;
    }
    const value = form[field as 'comment' | 'groundCode' | 'entryId' | 'decision'];
    // Text the API requires goes as typed, even empty, so that its field error names it.
    const required = field !== 'comment' || verb === 'contest' || verb === 'decide-contest';
    if (value !== '' || required) body[field] = value;
  }
  return body;
}
