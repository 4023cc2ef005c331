import type { EntryContent } from '../entries/entry-content.js';
import { entryStatus, type VersionState } from '../entries/entry-lifecycle.js';
import type { ExportedEntry } from './excel-row-mapping.js';

/** An entry as `ExcelRepository.exportPage` selects it: the version the reader sees, with its provider. */
export interface ExportedEntryRaw {
  code: string;
  head_state: VersionState;
  published_version: number | null;
  retired_at: Date | null;
  content: EntryContent;
  provider_name: string;
  provider_code: string;
  publish_date: string | null;
}

export function toExportedEntry(raw: ExportedEntryRaw): ExportedEntry {
  return {
    code: raw.code,
    status: entryStatus(raw.head_state, raw.published_version ?? null, raw.retired_at !== null),
    providerName: raw.provider_name,
    providerCode: raw.provider_code,
    publishDate: raw.publish_date ?? null,
    content: raw.content,
  };
}
