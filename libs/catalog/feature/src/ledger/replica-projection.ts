import type { ReplicaEventV1 } from '@govdata/contracts';
import { entryContentSchema, type EntryContent } from '../entries/entry-content.js';
import { isRestricted } from '../entries/entry-visibility.js';

/** A replica as stored in `replica_entry` (one row per origin and entry id). */
export interface ReplicaRecord {
  originNode: string;
  entryId: string;
  code: string;
  organisationId: string;
  providerName: string;
  providerCode: string;
  /** The origin's transition sequence of this record; the highest wins. */
  version: number;
  /** The entry's own version number (版本) the content belongs to. */
  entryVersion: number;
  content: EntryContent;
  publishDate: string | null;
  /** When the origin made the transition. */
  at: string;
  path: string[];
  receivedAt: string;
  retired: boolean;
  /** 不予共享 or 核心数据: kept from every reader of the replica (the origin replicates every publish). */
  restricted: boolean;
}

/** A `federation.replica.v1` this node must not apply; the reason goes to the dead letters. */
export class ReplicaRejected extends Error {}

/**
 * The replica a `federation.replica.v1` event describes, on this node. Refuses records that do not
 * belong here: an origin other than the record's own node, a path that does not start at the origin
 * or end at this node, or an "origin" that is this node (own entries are never replicas).
 */
export function replicaRecord(event: ReplicaEventV1, thisNode: string): ReplicaRecord {
  const { record } = event;
  if (event.kind !== 'catalog.entry') throw new ReplicaRejected(`not a catalog entry replica: ${String(event.kind)}`);
  if (event.origin === thisNode) throw new ReplicaRejected(`origin ${event.origin} is this node`);
  if (record.entry.nodeCode !== event.origin) {
    throw new ReplicaRejected(`the record belongs to node ${record.entry.nodeCode}, not origin ${event.origin}`);
  }
  if (event.path[0] !== event.origin || event.path.at(-1) !== thisNode) {
    throw new ReplicaRejected(`path ${event.path.join('→')} does not lead from ${event.origin} to ${thisNode}`);
  }
  if (new Set(event.path).size !== event.path.length) {
    throw new ReplicaRejected(`path ${event.path.join('→')} visits a node twice`);
  }
  const parsed = entryContentSchema.safeParse(record.version.content);
  if (!parsed.success)
    throw new ReplicaRejected(`the record's content is not a catalog entry: ${parsed.error.message}`);
  const content = parsed.data;
  return {
    originNode: event.origin,
    entryId: record.entry.id,
    code: record.entry.code,
    organisationId: record.entry.organisationId,
    providerName: record.entry.provider.name,
    providerCode: record.entry.provider.code,
    version: event.version,
    entryVersion: record.version.number,
    content,
    publishDate: record.version.publishDate,
    at: record.at,
    path: [...event.path],
    receivedAt: event.receivedAt,
    retired: record.action === 'retire' || record.entry.status === 'retired',
    restricted: isRestricted(content),
  };
}

/** Origin version wins: a record replaces the stored one only when its version is higher. */
export function supersedes(stored: { version: number } | null, incoming: { version: number }): boolean {
  return stored === null || incoming.version > stored.version;
}
