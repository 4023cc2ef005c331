import { assertRecord } from './hashing.js';
import { MerkleError, MerkleProblem } from './merkle.exception.js';
import type { RecordDigest } from './merkle.types.js';

/**
 * Which side of the link the set's origin node lies on. Records are edited only at their origin,
 * so the side nearer it (the child for its subtree's records, the parent for national standards)
 * holds the authoritative copy.
 */
export type OriginSide = 'local' | 'remote';

export enum RepairReason {
  /** The other side lacks a record the origin side holds. */
  Missing = 'missing',
  /** The other side holds an older version (the higher version wins, whichever side has it). */
  Behind = 'behind',
  /** Same version, different digest: a replica was altered; the origin side's copy wins. */
  Corrupted = 'corrupted',
  /** Only the replica side holds it: deleted at the origin, or lost there — confirm before dropping. */
  Orphaned = 'orphaned',
}

export interface RecordVersion {
  version: number;
  digest: string;
}

export interface RepairItem {
  key: string;
  reason: RepairReason;
  /** This side's copy, if it has one. */
  local?: RecordVersion;
  remote?: RecordVersion;
}

/** What to do so both sides hold the same set (修复计划), seen from the side that reconciled. */
export interface RepairPlan {
  /** Records this side sends to the other: the other is missing them, behind, or holds a corrupted copy. */
  send: RepairItem[];
  /** Records this side asks the other for. */
  fetch: RepairItem[];
  /**
   * Records only the replica side holds (the remote's when `originSide` is local, else this side's):
   * ask the origin whether they were deleted or retired, then drop them from the replica.
   */
  orphans: RepairItem[];
}

export function emptyPlan(): RepairPlan {
  return { send: [], fetch: [], orphans: [] };
}

export function isPlanEmpty(plan: RepairPlan): boolean {
  return plan.send.length === 0 && plan.fetch.length === 0 && plan.orphans.length === 0;
}

/** Compares both sides' records of the same bucket (`remote` as received: validated here). */
export function diffEntries(
  local: readonly RecordDigest[],
  remote: readonly RecordDigest[],
  originSide: OriginSide,
  into: RepairPlan = emptyPlan(),
): RepairPlan {
  const theirs = new Map<string, RecordDigest>();
  for (const record of remote) {
    assertRecord(record);
    if (theirs.has(record.key)) throw new MerkleError(MerkleProblem.DuplicateKey, `key ${record.key} appears twice`);
    theirs.set(record.key, record);
  }
  for (const mine of local) {
    const other = theirs.get(mine.key);
    theirs.delete(mine.key);
    const l = versionOf(mine);
    if (!other) {
      if (originSide === 'local') into.send.push({ key: mine.key, reason: RepairReason.Missing, local: l });
      else into.orphans.push({ key: mine.key, reason: RepairReason.Orphaned, local: l });
      continue;
    }
    const r = versionOf(other);
    if (l.version > r.version) into.send.push({ key: mine.key, reason: RepairReason.Behind, local: l, remote: r });
    else if (l.version < r.version)
      into.fetch.push({ key: mine.key, reason: RepairReason.Behind, local: l, remote: r });
    else if (l.digest !== r.digest) {
      const item = { key: mine.key, reason: RepairReason.Corrupted, local: l, remote: r };
      (originSide === 'local' ? into.send : into.fetch).push(item);
    }
  }
  for (const other of theirs.values()) {
    const r = versionOf(other);
    if (originSide === 'remote') into.fetch.push({ key: other.key, reason: RepairReason.Missing, remote: r });
    else into.orphans.push({ key: other.key, reason: RepairReason.Orphaned, remote: r });
  }
  return into;
}

/** Orders every list by key, so equal differences give equal plans. */
export function sortPlan(plan: RepairPlan): RepairPlan {
  const byKey = (a: RepairItem, b: RepairItem) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { send: plan.send.sort(byKey), fetch: plan.fetch.sort(byKey), orphans: plan.orphans.sort(byKey) };
}

function versionOf(record: RecordDigest): RecordVersion {
  return { version: record.version, digest: record.digest };
}
