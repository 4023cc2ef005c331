import {
  validateEventData,
  type CatalogEntryEventV1,
  type federationV1,
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

/** A checked envelope: the record parsed and validated as its kind's event data. */
export interface AcceptedEnvelope {
  id: string;
  kind: 'catalog.entry';
  origin: string;
  recordKey: string;
  version: number;
  path: string[];
  eventTime: Date;
  record: CatalogEntryEventV1 & { action: 'publish' | 'retire' };
  /** The record as the JSON text it arrived in (stored as is: checked, never re-encoded). */
  recordJson: string;
}

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
  if (envelope.kind !== 'catalog.entry') return malformed(`kind ${JSON.stringify(envelope.kind)} is not replicated`);
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
  const eventTime = new Date(envelope.timeMs);
  if (!envelope.timeMs || Number.isNaN(eventTime.getTime())) return malformed('timeMs is missing');
  return {
    id: envelope.id,
    kind: 'catalog.entry',
    origin: envelope.origin,
    recordKey: envelope.recordKey,
    version: envelope.version,
    path,
    eventTime,
    record: data as AcceptedEnvelope['record'],
    recordJson: envelope.recordJson,
  };
}

/**
 * The `federation.replica.v1` data announcing an accepted envelope applied at `ownCode`. Valid by
 * construction — every part was checked by `checkEnvelope` (the record as catalog.entry.v1, the
 * origin and each hop of the path as node codes, the version) — so it is published without running
 * the schema again; `envelope-rules.spec.ts` pins that.
 */
export function replicaEventData(accepted: AcceptedEnvelope, ownCode: string, receivedAt: Date): ReplicaEventV1 {
  return {
    kind: accepted.kind,
    origin: accepted.origin,
    path: [...accepted.path, ownCode],
    version: accepted.version,
    receivedAt: receivedAt.toISOString(),
    record: accepted.record,
  };
}

export function isRefusal(result: AcceptedEnvelope | EnvelopeRefusal): result is EnvelopeRefusal {
  return 'rule' in result;
}
