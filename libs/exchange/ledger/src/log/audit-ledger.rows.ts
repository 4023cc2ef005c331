import type { NodeId } from '../rfc6962/proof-plan.js';

/*
 * The ledger's rows as PostgreSQL returns them to its hand-written SQL (bigint columns arrive as
 * decimal strings, bytea as Buffers, timestamptz as Dates), and one mapper per row type.
 */

/** `audit_leaf` as `entries` reads it. */
export interface LeafRecordRaw {
  leaf_index: string;
  leaf_hash: Buffer;
  record: unknown;
  appended_at: Date;
}

/** `audit_leaf` as verification and proofs read it (no append time). */
export type LeafRaw = Pick<LeafRecordRaw, 'leaf_index' | 'leaf_hash'> & Partial<Pick<LeafRecordRaw, 'record'>>;

/** An `audit_leaf` index alone. */
export interface LeafIndexRaw {
  leaf_index: string;
}

/** `audit_checkpoint` as verification reads it: the size it is stored under and the note. */
export interface SignedNoteRaw {
  tree_size: string;
  note: string;
}

/** `audit_checkpoint`, whole. */
export interface CheckpointRaw {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  signed_at: Date;
}

/** `audit_log_head`. */
export interface HeadRaw {
  tree_size: string;
  root_hash: Buffer;
  hash_algorithm: string;
}

/** `audit_subtree`. */
export interface SubtreeRaw {
  level: number;
  node_index: string;
  hash: Buffer;
}

export interface LeafRecordRow {
  leafIndex: number;
  leafHash: Buffer;
  record: unknown;
  appendedAt: Date;
}

export function toLeafRecord(raw: LeafRecordRaw): LeafRecordRow {
  return {
    leafIndex: Number(raw.leaf_index),
    leafHash: raw.leaf_hash,
    record: raw.record,
    appendedAt: raw.appended_at,
  };
}

export interface LeafRow {
  leafIndex: number;
  leafHash: Buffer;
  record: unknown;
}

export function toLeaf(raw: LeafRaw): LeafRow {
  return { leafIndex: Number(raw.leaf_index), leafHash: raw.leaf_hash, record: raw.record };
}

export function toLeafIndex(raw: LeafIndexRaw): number {
  return Number(raw.leaf_index);
}

export function toSignedNote(raw: SignedNoteRaw): { treeSize: number; note: string } {
  return { treeSize: Number(raw.tree_size), note: raw.note };
}

/** A checkpoint row; its hash is the note's to say, so it is read from the note by the repository. */
export interface CheckpointRow {
  treeSize: number;
  rootHash: Buffer;
  note: string;
  signedAt: Date;
}

export function toCheckpoint(raw: CheckpointRaw): CheckpointRow {
  return { treeSize: Number(raw.tree_size), rootHash: raw.root_hash, note: raw.note, signedAt: raw.signed_at };
}

/** The head as stored; its hash name is checked by the repository (an unknown one is refused). */
export interface HeadRow {
  treeSize: number;
  rootHash: Buffer;
  hashAlgorithm: string;
}

export function toHead(raw: HeadRaw): HeadRow {
  return { treeSize: Number(raw.tree_size), rootHash: raw.root_hash, hashAlgorithm: raw.hash_algorithm };
}

export function toSubtree(raw: SubtreeRaw): NodeId & { hash: Buffer } {
  return { level: raw.level, index: Number(raw.node_index), hash: raw.hash };
}
