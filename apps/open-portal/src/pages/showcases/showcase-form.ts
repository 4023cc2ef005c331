import type { ShowcaseKind } from '@/api/open-data-types.js';
import type { ShowcaseRequest } from '@/api/open-people-api.js';

/** The form's fields, named as the API names them in its field errors (`datasetIds.0` goes to `datasetIds`). */
export const SHOWCASE_FIELDS = ['title', 'description', 'kind', 'url', 'datasetIds'] as const;

export interface ShowcaseForm {
  title: string;
  description: string;
  /** '' until one is chosen (the API says it is needed). */
  kind: ShowcaseKind | '';
  url: string;
  datasetIds: string[];
}

export function emptyShowcaseForm(datasetIds: string[] = []): ShowcaseForm {
  return { title: '', description: '', kind: '', url: '', datasetIds: [...datasetIds] };
}

/** What is sent: the text as typed (the API trims and judges it, a missing kind included). */
export function showcaseRequest(form: ShowcaseForm): ShowcaseRequest {
  return {
    title: form.title,
    description: form.description,
    kind: form.kind as ShowcaseKind,
    url: form.url,
    datasetIds: form.datasetIds,
  };
}
