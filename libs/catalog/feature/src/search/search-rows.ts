import type { EntryContent } from '../entries/entry-content.js';
import type { VersionState } from '../entries/entry-lifecycle.js';
import type { IndexSource } from './entry-search-document.js';
import type { SearchHit, Tier } from './entry-search.repository.js';

/**
 * A hit as the search statements select it (`HIT_COLUMNS` with `tier` and `recency`): the index row,
 * its provider's name and, for a replica, the provenance columns of `replica_entry`.
 */
export interface SearchHitRaw {
  entry_id: string;
  code: string;
  name: string;
  abstract: string;
  organisation_id: string;
  provider_name: string | null;
  classification_code: string;
  sharing_type: string;
  open_type: string;
  grade_category: string;
  grade_level: number | null;
  update_cycle: string;
  status: string;
  publish_date: string | null;
  name_len: number;
  node_code: string;
  replica: boolean;
  origin_path: string[] | null;
  origin_received_at: Date | null;
  /** bigint: a string. */
  origin_version: string | null;
  origin_provider_name: string | null;
  tier: Tier | null;
  /** bigint selected as text. */
  recency: string;
}

export function toSearchHit(raw: SearchHitRaw): SearchHit {
  return {
    entryId: raw.entry_id,
    code: raw.code,
    name: raw.name,
    abstract: raw.abstract,
    organisationId: raw.organisation_id,
    providerName: raw.provider_name ?? raw.origin_provider_name ?? null,
    classificationCode: raw.classification_code,
    sharingType: raw.sharing_type,
    openType: raw.open_type,
    gradeCategory: raw.grade_category,
    gradeLevel: raw.grade_level ?? null,
    updateCycle: raw.update_cycle,
    status: raw.status,
    publishDate: raw.publish_date ?? null,
    tier: raw.tier ?? null,
    nameLen: raw.name_len,
    recency: raw.recency,
    nodeCode: raw.node_code,
    origin: raw.replica
      ? {
          path: raw.origin_path!,
          receivedAt: raw.origin_received_at!.toISOString(),
          version: Number(raw.origin_version),
        }
      : null,
  };
}

/** An entry with the version the index describes, as the indexer selects it. */
export interface IndexSourceRaw {
  id: string;
  code: string;
  node_code: string;
  organisation_id: string;
  head_state: VersionState;
  published_version: number | null;
  retired: boolean;
  updated_at: Date;
  first_published_at: Date | null;
  version: number;
  content: EntryContent;
  published_at: Date | null;
  publish_date: string | null;
}

/** `publishedAt` is the version's publication time, else the entry's first. */
export function toIndexSource(raw: IndexSourceRaw): IndexSource {
  return {
    entryId: raw.id,
    code: raw.code,
    nodeCode: raw.node_code,
    organisationId: raw.organisation_id,
    headState: raw.head_state,
    publishedVersion: raw.published_version ?? null,
    retired: raw.retired,
    updatedAt: raw.updated_at.toISOString(),
    version: raw.version,
    content: raw.content,
    publishedAt: (raw.published_at ?? raw.first_published_at)?.toISOString() ?? null,
    publishDate: raw.publish_date ?? null,
  };
}
