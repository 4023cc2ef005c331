import type { DemandAnswerBody, DemandOutcome } from '@/api/types/open-data.js';

export interface DemandAnswerForm {
  outcome: DemandOutcome | '';
  text: string;
  /** The open dataset, for `already-open`. */
  datasetId: string;
  /** YYYY-MM-DD, for `will-open`. */
  plannedBy: string;
}

export function emptyDemandAnswer(): DemandAnswerForm {
  return { outcome: '', text: '', datasetId: '', plannedBy: '' };
}

/** The fields the outcome asks for beyond the text: the dataset, or the planned day. */
export function extraFieldOf(outcome: DemandOutcome | ''): 'datasetId' | 'plannedBy' | null {
  return outcome === 'already-open' ? 'datasetId' : outcome === 'will-open' ? 'plannedBy' : null;
}

/**
 * What is sent: the outcome and the text, with the one further field the outcome takes (left out
 * when empty — the API says what is missing, beside the field).
 */
export function demandAnswerBody(form: DemandAnswerForm): DemandAnswerBody {
  const extra = extraFieldOf(form.outcome);
  return {
    outcome: form.outcome as DemandOutcome,
    text: form.text,
    ...(extra && form[extra] ? { [extra]: form[extra] } : {}),
  };
}
