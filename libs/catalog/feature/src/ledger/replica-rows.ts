import type { EntryContent } from '../entries/entry-content.js';
import type { ReplicaRecord } from './replica-projection.js';

/** A stored replica, as read back. */
export interface StoredReplica extends Omit<ReplicaRecord, 'at'> {
  publishedAt: string;
}

/** A `replica_entry` row as PostgreSQL returns it: `version` is a bigint (a string), `publish_date` CCYY-MM-DD. */
export interface ReplicaEntryRaw {
  origin_node: string;
  entry_id: string;
  code: string;
  organisation_id: string;
  provider_name: string;
  provider_code: string;
  version: string | number;
  entry_version: number;
  content: EntryContent;
  publish_date: string | null;
  published_at: Date;
  path: string[];
  received_at: Date;
  retired: boolean;
  restricted: boolean;
}

export function toStoredReplica(raw: ReplicaEntryRaw): StoredReplica {
  return {
    originNode: raw.origin_node,
    entryId: raw.entry_id,
    code: raw.code,
    organisationId: raw.organisation_id,
    providerName: raw.provider_name,
    providerCode: raw.provider_code,
    version: Number(raw.version),
    entryVersion: raw.entry_version,
    content: raw.content,
    publishDate: raw.publish_date ?? null,
    publishedAt: raw.published_at.toISOString(),
    path: raw.path,
    receivedAt: raw.received_at.toISOString(),
    retired: raw.retired,
    restricted: raw.restricted,
  };
}
