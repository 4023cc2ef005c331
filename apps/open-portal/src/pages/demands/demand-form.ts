import type { DemandStatus } from '@/api/open-data-types.js';
import type { DemandRequest } from '@/api/open-people-api.js';

/** The form's fields, named as the API names them in its field errors. */
export const DEMAND_FIELDS = ['title', 'description', 'domain', 'organisationId'] as const;

export interface DemandForm {
  title: string;
  description: string;
  /** A domain code, '' for none. */
  domain: string;
  /** The department asked, '' to leave it to the node's authority. */
  organisationId: string;
}

export function emptyDemandForm(): DemandForm {
  return { title: '', description: '', domain: '', organisationId: '' };
}

/** What is sent: the text as typed (the API trims and judges it); the choices left empty are left out. */
export function demandRequest(form: DemandForm): DemandRequest {
  return {
    title: form.title,
    description: form.description,
    ...(form.domain ? { domain: form.domain } : {}),
    ...(form.organisationId ? { organisationId: form.organisationId } : {}),
  };
}

/** The tag's colour for a demand's status: awaiting an answer, or answered. */
export const DEMAND_TONES: Record<DemandStatus, 'warning' | 'success'> = { open: 'warning', answered: 'success' };
