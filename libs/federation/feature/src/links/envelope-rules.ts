import {
  validateEventData,
  type CatalogEntryEventV1,
  type EventType,
  type federationV1,
  type OpenDatasetEventV1,
  type OpenDatasetReplicaEventV1,
  type ReplicaEventV1,
} from '@govdata/contracts';
import { mayCertify } from '@govdata/federation-pki';
import { isUuid } from '@govdata/codes';
import { EnvelopeRule } from './link.exception.js';

/** Why an envelope from a child was refused (kept with it in the dead letters). */
export interface EnvelopeRefusal {
  rule: EnvelopeRule;
  message: string;
}

/**
 * The kinds of record replicated upward, each with the event its origin publishes and the event an
 * ancestor announces it by (the catalog's own kind keeps `federation.replica.v1`; the others have a
 * topic of their own, so the catalog's consumers never meet a record they do not know).
 */
export const REPLICATED_KINDS = {
  'catalog.entry': { source: 'catalog.entry.v1', replica: 'federation.replica.v1' },
  'open-data.dataset': { source: 'open-data.dataset.v1', replica: 'federation.open-dataset.v1' },
} as const satisfies Record<string, { source: EventType; replica: EventType }>;
export type ReplicatedKind = keyof typeof REPLICATED_KINDS;
export const REPLICATED_KIND_NAMES = Object.keys(REPLICATED_KINDS) as ReplicatedKind[];

export function isReplicatedKind(kind: string): kind is ReplicatedKind {
  return Object.hasOwn(REPLICATED_KINDS, kind);
}

interface AcceptedFields {
  id: string;
  origin: string;
  recordKey: string;
  version: number;
  path: string[];
  eventTime: Date;
  /** The record as the JSON text it arrived in (stored as is: checked, never re-encoded). */
  recordJson: string;
}

/** A checked envelope: the record parsed and validated as its kind's event data. */
export type AcceptedEnvelope = AcceptedFields &
  (
    | { kind: 'catalog.entry'; record: CatalogEntryEventV1 & { action: 'publish' | 'retire' } }
    | { kind: 'open-data.dataset'; record: OpenDatasetEventV1 }
  );

/**
 * Whether `code` is `root` or below it in the federation tree. Certification is the tree: a node's
 * children are exactly the nodes it may certify (cities under their province; ministries and cities
 * certify nobody), so two steps reach every descendant.
 */
export function isInSubtree(root: string, code: string): boolean {
  if (code === root) return true;
  if (mayCertify(root, code)) return true;
  // Two steps: national → province → city (the city's province is the only way between them).
  const province = `${code.slice(0, 2)}0000`;
  return province !== code && mayCertify(root, province) && mayCertify(province, code);
}

/**
 * The checks a parent makes on an envelope its child `peer` sent, before anything is applied:
 * the origin lies in the peer's subtree, the path runs from the origin down the tree to the peer one
 * certified hop at a time and never through this node, and the record is what its kind says.
 */
export function checkEnvelope(
  envelope: federationV1.ReplicateRequest,
  peer: string,
  ownCode: string,
): AcceptedEnvelope | EnvelopeRefusal {
  const malformed = (message: string): EnvelopeRefusal => ({ rule: EnvelopeRule.Malformed, message });
  if (!isUuid(envelope.id)) return malformed('id is not a UUID');
  if (!isReplicatedKind(envelope.kind)) return malformed(`kind ${JSON.stringify(envelope.kind)} is not replicated`);
  if (!envelope.recordKey) return malformed('recordKey is empty');
  if (!Number.isSafeInteger(envelope.version) || envelope.version < 1) return malformed('version must be ≥ 1');
  if (!Number.isSafeInteger(envelope.seq) || envelope.seq < 1) return malformed('seq must be ≥ 1');
  if (!isInSubtree(peer, envelope.origin)) {
    return {
      rule: EnvelopeRule.OutsideSubtree,
      message: `origin ${envelope.origin} is not in the subtree of node ${peer}`,
    };
  }
  const path = envelope.path;
  if (path.includes(ownCode))
    return { rule: EnvelopeRule.Loop, message: `the path ${path.join('→')} already passed ${ownCode}` };
  if (path[0] !== envelope.origin || path.at(-1) !== peer) {
    return {
      rule: EnvelopeRule.BadPath,
      message: `the path ${path.join('→')} must run from ${envelope.origin} to ${peer}`,
    };
  }
  for (let i = 1; i < path.length; i++) {
    if (!mayCertify(path[i]!, path[i - 1]!)) {
      return {
        rule: EnvelopeRule.BadPath,
        message: `${path[i - 1]} is not a child of ${path[i]} (path ${path.join('→')})`,
      };
    }
  }
  let record: unknown;
  try {
    record = JSON.parse(envelope.recordJson);
  } catch {
    return malformed('recordJson is not JSON');
  }
  const eventTime = new Date(envelope.timeMs);
  if (!envelope.timeMs || Number.isNaN(eventTime.getTime())) return malformed('timeMs is missing');
  const fields: AcceptedFields = {
    id: envelope.id,
    origin: envelope.origin,
    recordKey: envelope.recordKey,
    version: envelope.version,
    path,
    eventTime,
    recordJson: envelope.recordJson,
  };
  if (envelope.kind === 'open-data.dataset') {
    let opened: OpenDatasetEventV1;
    try {
      opened = validateEventData('open-data.dataset.v1', record);
    } catch (error) {
      return malformed(`record is no open-data.dataset.v1 data: ${(error as Error).message}`);
    }
    if (opened.dataset.id !== envelope.recordKey) return malformed('recordKey is not the dataset id');
    if (opened.dataset.nodeCode !== envelope.origin) return malformed('origin is not the dataset’s node');
    if (opened.version !== envelope.version) return malformed('version is not the record’s version');
    return { ...fields, kind: 'open-data.dataset', record: opened };
  }
  let data: CatalogEntryEventV1;
  try {
    data = validateEventData('catalog.entry.v1', record);
  } catch (error) {
    return malformed(`record is no catalog.entry.v1 data: ${(error as Error).message}`);
  }
  if (data.action !== 'publish' && data.action !== 'retire')
    return malformed(`action ${data.action} is not replicated`);
  if (data.entry.id !== envelope.recordKey) return malformed('recordKey is not the entry id');
  if (data.entry.nodeCode !== envelope.origin) return malformed('origin is not the entry’s node');
  if (data.sequence !== envelope.version) return malformed('version is not the record’s sequence');
  return { ...fields, kind: 'catalog.entry', record: data as CatalogEntryEventV1 & { action: 'publish' | 'retire' } };
}

/**
 * The event announcing an accepted envelope applied at `ownCode`: `federation.replica.v1` for a
 * catalog entry, `federation.open-dataset.v1` for an open dataset. Valid by construction — every
 * part was checked by `checkEnvelope` (the record as its kind's event data, the origin and each hop
 * of the path as node codes, the version) — so it is published without running the schema again;
 * `envelope-rules.spec.ts` pins that.
 */
export function replicaEvent(
  accepted: AcceptedEnvelope,
  ownCode: string,
  receivedAt: Date,
):
  | { type: 'federation.replica.v1'; data: ReplicaEventV1 }
  | { type: 'federation.open-dataset.v1'; data: OpenDatasetReplicaEventV1 } {
  const provenance = {
    origin: accepted.origin,
    path: [...accepted.path, ownCode],
    version: accepted.version,
    receivedAt: receivedAt.toISOString(),
  };
  return accepted.kind === 'open-data.dataset'
    ? {
        type: REPLICATED_KINDS[accepted.kind].replica,
        data: { kind: accepted.kind, ...provenance, record: accepted.record },
      }
    : {
        type: REPLICATED_KINDS[accepted.kind].replica,
        data: { kind: accepted.kind, ...provenance, record: accepted.record },
      };
}

/** The `federation.replica.v1` data announcing an accepted catalog entry applied at `ownCode`. */
export function replicaEventData(accepted: AcceptedEnvelope, ownCode: string, receivedAt: Date): ReplicaEventV1 {
  const event = replicaEvent(accepted, ownCode, receivedAt);
  if (event.type !== 'federation.replica.v1') throw new Error(`${accepted.kind} is announced by ${event.type}`);
  return event.data;
}

export function isRefusal(result: AcceptedEnvelope | EnvelopeRefusal): result is EnvelopeRefusal {
  return 'rule' in result;
}
