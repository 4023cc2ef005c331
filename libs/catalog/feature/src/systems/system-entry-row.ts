import type { SystemEntryRow } from './information-system.repository.js';

/** An entry naming a system, as `InformationSystemRepository.entriesNaming` selects it. */
export interface SystemEntryRaw {
  id: string;
  code: string;
  organisation_id: string;
  head_state: string;
  published_version: number | null;
  retired: boolean;
  name: string;
  content: SystemEntryRow['content'];
}

export function toSystemEntryRow(raw: SystemEntryRaw): SystemEntryRow {
  return {
    id: raw.id,
    code: raw.code,
    organisationId: raw.organisation_id,
    name: raw.name,
    headState: raw.head_state,
    publishedVersion: raw.published_version ?? null,
    retired: raw.retired,
    content: raw.content,
  };
}
