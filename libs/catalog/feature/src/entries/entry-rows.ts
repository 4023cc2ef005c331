import type { EntryContent } from './entry-content.js';
import type { VersionState } from './entry-lifecycle.js';
import type { EntryRecord, FieldReason, TransitionRecord, VersionRecord } from './entry.types.js';

/** A `catalog_entry` row as PostgreSQL returns it (columns of `ENTRY_COLUMNS`). */
export interface EntryRecordRaw {
  id: string;
  code: string;
  node_code: string;
  organisation_id: string;
  head_version: number;
  head_state: VersionState;
  published_version: number | null;
  retired_at: Date | null;
  authoritative_entry_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  first_published_at: Date | null;
}

/** A `catalog_entry_version` row as PostgreSQL returns it (`publish_date` formatted CCYY-MM-DD). */
export interface VersionRecordRaw {
  entry_id: string;
  version: number;
  state: VersionState;
  content: EntryContent;
  return_reasons: FieldReason[] | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  approved_at: Date | null;
  published_at: Date | null;
  publish_date: string | null;
}

/** An `entry_transition` row as PostgreSQL returns it: `seq` is a bigint, so a string. */
export interface TransitionRecordRaw {
  seq: string;
  entry_id: string;
  version: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_subject: string;
  actor_name: string | null;
  actor_organisation_id: string | null;
  reason: string | null;
  field_reasons: FieldReason[] | null;
  at: Date;
}

export function toEntryRecord(raw: EntryRecordRaw): EntryRecord {
  return {
    id: raw.id,
    code: raw.code,
    nodeCode: raw.node_code,
    organisationId: raw.organisation_id,
    headVersion: raw.head_version,
    headState: raw.head_state,
    publishedVersion: raw.published_version ?? null,
    retiredAt: raw.retired_at ?? null,
    authoritativeEntryId: raw.authoritative_entry_id ?? null,
    createdBy: raw.created_by,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    firstPublishedAt: raw.first_published_at ?? null,
  };
}

export function toVersionRecord(raw: VersionRecordRaw): VersionRecord {
  return {
    entryId: raw.entry_id,
    version: raw.version,
    state: raw.state,
    content: raw.content,
    returnReasons: raw.return_reasons ?? null,
    createdBy: raw.created_by,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    submittedAt: raw.submitted_at ?? null,
    approvedAt: raw.approved_at ?? null,
    publishedAt: raw.published_at ?? null,
    publishDate: raw.publish_date ?? null,
  };
}

export function toTransitionRecord(raw: TransitionRecordRaw): TransitionRecord {
  return {
    seq: Number(raw.seq),
    entryId: raw.entry_id,
    version: raw.version,
    action: raw.action,
    fromState: raw.from_state ?? null,
    toState: raw.to_state,
    actor: {
      subject: raw.actor_subject,
      name: raw.actor_name ?? null,
      organisationId: raw.actor_organisation_id ?? null,
    },
    reason: raw.reason ?? null,
    fieldReasons: raw.field_reasons ?? null,
    at: raw.at,
  };
}
