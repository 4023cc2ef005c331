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
  /** 授权条件 — the grant's terms (provider review approving; the authority overturning a refusal). */
  terms: TermsForm;
}

/**
 * The grant's terms as typed; every one optional (the API defaults to the requested items and
 * validity and the entry's limits). Numbers are kept as typed text until sent.
 */
export interface TermsForm {
  items: string[];
  validUntil: string;
  ratePerSecond: string;
  burst: string;
  quotaPerDay: string;
  quotaPerMonth: string;
  serviceAccounts: string[];
}

export const TERMS_FIELDS = [
  'items',
  'validUntil',
  'ratePerSecond',
  'burst',
  'quotaPerDay',
  'quotaPerMonth',
  'serviceAccounts',
] as const;

export function emptyTermsForm(): TermsForm {
  return {
    items: [],
    validUntil: '',
    ratePerSecond: '',
    burst: '',
    quotaPerDay: '',
    quotaPerMonth: '',
    serviceAccounts: [],
  };
}

export function emptyDecisionForm(): DecisionForm {
  return {
    comment: '',
    groundCode: '',
    entryId: '',
    decision: '',
    referToAuthority: false,
    terms: emptyTermsForm(),
  };
}

/** Does the verb grant access here, so that the person may set the grant's terms? */
export function setsTerms(fields: readonly string[]): boolean {
  return fields.includes('terms');
}

/** The fields the API's errors about the terms may name (`terms.ratePerSecond`), besides `terms` itself. */
export function termsErrorFields(): string[] {
  return ['terms', ...TERMS_FIELDS.map((f) => `terms.${f}`)];
}

/**
 * `terms` of an approval or a ruling: what was filled in, numbers as numbers (text that is not one
 * goes as typed, for the API to name); nothing filled in means the API's defaults, so no `terms`.
 */
export function termsBody(form: TermsForm): Record<string, unknown> | undefined {
  const terms: Record<string, unknown> = {};
  if (form.items.length > 0) terms.items = [...form.items];
  if (form.validUntil.trim() !== '') terms.validUntil = form.validUntil.trim();
  for (const field of ['ratePerSecond', 'burst', 'quotaPerDay', 'quotaPerMonth'] as const) {
    const text = form[field].trim();
    if (text !== '') terms[field] = Number.isFinite(Number(text)) ? Number(text) : text;
  }
  if (form.serviceAccounts.length > 0) terms.serviceAccounts = [...form.serviceAccounts];
  return Object.keys(terms).length > 0 ? terms : undefined;
}

/** The form fields a verb shows; the API's field errors are shown beside them. */
export function decisionFields(verb: ApplicationVerb, citesGround: boolean, providerReview: boolean): string[] {
  switch (verb) {
    case 'approve':
      return providerReview ? ['referToAuthority', 'terms', 'comment'] : ['comment'];
    case 'reject':
      return citesGround ? ['groundCode', 'comment'] : ['comment'];
    case 'answer':
      return ['entryId', 'comment'];
    case 'decide-contest':
      return ['decision', 'terms', 'comment'];
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
    if (field === 'terms') {
      // A ruling that upholds the refusal grants nothing: its terms would mean nothing.
      const terms = verb === 'decide-contest' && form.decision !== 'overturn' ? undefined : termsBody(form.terms);
      if (terms) body.terms = terms;
      continue;
    }
    const value = form[field as 'comment' | 'groundCode' | 'entryId' | 'decision'];
    // Text the API requires goes as typed, even empty, so that its field error names it.
    const required = field !== 'comment' || verb === 'contest' || verb === 'decide-contest';
    if (value !== '' || required) body[field] = value;
  }
  return body;
}
