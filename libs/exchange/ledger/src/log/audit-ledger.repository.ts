import type { HashName } from '@govdata/platform-crypto';
import type { EntityManager } from 'typeorm';
import { parseAuditRecord, recordLeafHashIn, type AuditRecord } from '../audit-record.js';
import { assertOrigin, openCheckpoint, parseCheckpoint, signCheckpoint } from '../checkpoint/checkpoint.js';
import type { NoteSigner, NoteVerifier } from '../checkpoint/signed-note.js';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import {
  toCheckpoint,
  toHead,
  toLeaf,
  toLeafIndex,
  toLeafRecord,
  toSignedNote,
  toSubtree,
  type CheckpointRaw,
  type HeadRaw,
  type LeafIndexRaw,
  type LeafRaw,
  type LeafRecordRaw,
  type SignedNoteRaw,
  type SubtreeRaw,
} from './audit-ledger.rows.js';
import type { TreeHasher } from '@govdata/rfc6962';
import { assertHash, assertSize, treeHasher } from '../rfc6962/inputs.js';
import {
  consistencyPlan,
  foldPlan,
  inclusionPlan,
  nodeKey,
  nodesOf,
  rangeNodes,
  rootPlan,
  type HashPlan,
  type NodeId,
} from '../rfc6962/proof-plan.js';

/** Records one append may carry: one transaction, one multi-row insert per table. */
export const MAX_APPEND_BATCH = 10_000;

export interface LedgerHead {
  treeSize: number;
  rootHash: Buffer;
  /** The log's hash (SHA-256, or SM3 under the 国密 profile): what its roots and proofs verify with. */
  hashAlgorithm: HashName;
}

export interface AppendedEntry {
  leafIndex: number;
  leafHash: Buffer;
}

/**
 * The caller's own writes about the records being appended (what else it keeps of them), made by
 * the append's statement so they commit or fail with it: data-modifying CTEs
 * (`name AS (INSERT … SELECT … WHERE ${applied})`) whose parameters are numbered from `firstParam`,
 * and expressions evaluated once when the append applied (a NOTIFY).
 */
export type WritesAlongside = (
  entries: readonly AppendedEntry[],
  firstParam: number,
  applied: string,
) => { ctes: string[]; params: unknown[]; then?: string[] };

/** A logged record as stored (the record as read back from jsonb). */
export interface LedgerEntry {
  leafIndex: number;
  leafHash: Buffer;
  record: unknown;
  appendedAt: Date;
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: Buffer;
  /** RFC 9162 PATH(leafIndex, D[treeSize]), from the leaf's sibling upwards. */
  proof: Buffer[];
  hashAlgorithm: HashName;
}

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  /** The signed note, as handed to providers and consumers. */
  note: string;
  signedAt: Date;
  /** As the note states it (`hash SM3`; no line: SHA-256). */
  hashAlgorithm: HashName;
}

/** What `verifyLog` found first, if anything. */
export interface LogIssue {
  problem:
    | 'missing_leaf' // a gap in the leaf indices (a row deleted)
    | 'record_mismatch' // the record no longer hashes to its stored leaf hash
    | 'subtree_mismatch' // a stored subtree hash differs from the one the records give
    | 'missing_subtree'
    | 'head_mismatch' // size or root of the head differ from the records
    | 'checkpoint_mismatch'; // a signed root differs from the records' root at that size
  /** The first leaf that does not match (for a subtree, the first leaf it covers). */
  leafIndex: number;
  treeSize?: number;
  message: string;
}

export interface LogVerification {
  treeSize: number;
  rootHash: Buffer;
  checkedCheckpoints: number;
  firstIssue: LogIssue | null;
}

/** The head and the complete subtrees tiling it, largest first: all an append needs to know. */
interface LedgerTip extends LedgerHead {
  frontier: Array<{ level: number; hash: Buffer }>;
}

/** The head as read; `adopted` when an empty log is about to take this node's hash (not stored yet). */
interface ReadHead extends LedgerHead {
  adopted: boolean;
}

/**
 * 调用审计账本 — the exchange's RFC 6962 audit log in PostgreSQL (`CreateAuditLedger1766000000000`).
 * Appends are serialised on the head row and write each record's leaf and the complete subtrees it
 * closes; roots and proofs for any size up to the head read O(log n) stored subtree hashes. An
 * instance remembers the tip it appended last, so a writer that is alone (the usual case) appends
 * with one statement and no reads.
 */
export class AuditLedgerRepository {
  /** The tip after this instance's latest append; checked against the head by the next one. */
  private tip: LedgerTip | null = null;

  constructor(
    /** The log's name in its checkpoints (e.g. `gov.example/360000/exchange-audit`). */
    readonly origin: string,
    /**
     * The hash of this node's profile. An empty log takes it; a log with entries keeps the hash it
     * started with (its roots were signed and anchored with it), whatever the profile says now.
     */
    readonly hashAlgorithm: HashName = 'SHA-256',
  ) {
    assertOrigin(origin);
    treeHasher(hashAlgorithm);
  }

  /**
   * Appends records and returns their indices: leaves, the subtrees they close and the new head in
   * one statement, inside the caller's transaction when there is one (committed or rolled back with
   * it). The statement moves the head only from the size and root it was computed on, so concurrent
   * appends — from this process or another replica — never interleave: the head row's lock orders
   * them, and one that finds the head moved is recomputed under that lock. `alongside` adds the
   * caller's writes to the statement.
   */
  async append(
    manager: EntityManager,
    records: readonly unknown[],
    alongside?: WritesAlongside,
  ): Promise<AppendedEntry[]> {
    if (!Array.isArray(records) || records.length === 0 || records.length > MAX_APPEND_BATCH) {
      throw new LedgerError(LedgerProblem.InvalidInput, `append 1–${MAX_APPEND_BATCH} records at a time`, 'records');
    }
    const parsed: AuditRecord[] = records.map((record, i) => parseAuditRecord(record, `records.${i}`));
    const leafHashesIn = (hasher: TreeHasher) => parsed.map((record) => recordLeafHashIn(hasher, record));
    const rows = parsed.map((r) => JSON.stringify(r));

    // The tip this process left needs no read: the head's size and root vouch for it.
    const tip = this.tip;
    const appended = tip
      ? await this.write(manager, tip, leafHashesIn(treeHasher(tip.hashAlgorithm)), rows, alongside)
      : null;
    if (appended) return appended;
    this.tip = null;
    return manager.transaction(async (tx) => {
      const { adopted, ...head } = await this.readHead(tx, true);
      if (adopted) {
        // The first entry fixes the log's hash: store it with the empty root it implies.
        await tx.query('UPDATE audit_log_head SET hash_algorithm = $1, root_hash = $2 WHERE tree_size = 0', [
          head.hashAlgorithm,
          head.rootHash,
        ]);
      }
      const frontierIds = head.treeSize === 0 ? [] : rangeNodes(0, head.treeSize);
      const known = await this.readNodes(tx, frontierIds);
      const current = { ...head, frontier: frontierIds.map((id) => ({ level: id.level, hash: known(id) })) };
      const written = await this.write(tx, current, leafHashesIn(treeHasher(head.hashAlgorithm)), rows, alongside);
      if (!written) throw new LedgerError(LedgerProblem.Corrupted, 'the audit log head moved while it was locked');
      return written;
    });
  }

  /**
   * Writes an append computed on `from`; null (nothing written) when the head is no longer there.
   * On success the tip it leads to is remembered for the next append.
   */
  private async write(
    manager: EntityManager,
    from: LedgerTip,
    leafHashes: readonly Buffer[],
    rows: readonly string[],
    alongside?: WritesAlongside,
  ): Promise<AppendedEntry[] | null> {
    const hasher = treeHasher(from.hashAlgorithm);
    const frontier = [...from.frontier];
    const closed: Array<NodeId & { hash: Buffer }> = [];
    let size = from.treeSize;
    for (const leafHash of leafHashes) {
      closed.push(...absorbLeaf(hasher, frontier, leafHash, size));
      size += 1;
    }
    const root = frontier.reduceRight<Buffer | null>(
      (right, node) => (right ? hasher.hashChildren(node.hash, right) : node.hash),
      null,
    )!;
    const entries = leafHashes.map((leafHash, i) => ({ leafIndex: from.treeSize + i, leafHash }));
    const params: unknown[] = [
      size,
      root,
      from.treeSize,
      from.rootHash,
      entries.map((e) => e.leafIndex),
      leafHashes,
      rows,
      closed.map((n) => n.level),
      closed.map((n) => n.index),
      closed.map((n) => n.hash),
    ];
    const applied = 'EXISTS (SELECT FROM head)';
    const theirs = alongside?.(entries, params.length + 1, applied) ?? { ctes: [], params: [] };
    // Leaves, subtrees and the caller's rows are written only if the head moved from `from`.
    const result: unknown[] = await manager.query(
      `WITH head AS (
         UPDATE audit_log_head SET tree_size = $1, root_hash = $2, updated_at = now()
          WHERE tree_size = $3 AND root_hash = $4
         RETURNING 1
       ), leaves AS (
         INSERT INTO audit_leaf (leaf_index, leaf_hash, record)
         SELECT i, h, r::jsonb FROM unnest($5::bigint[], $6::bytea[], $7::text[]) AS t(i, h, r)
          WHERE ${applied}
       ), subtrees AS (
         INSERT INTO audit_subtree (level, node_index, hash)
         SELECT l, n, h FROM unnest($8::smallint[], $9::bigint[], $10::bytea[]) AS t(l, n, h)
          WHERE ${applied}
       )${theirs.ctes.map((cte) => `, ${cte}`).join('')}
       SELECT 1 AS applied${(theirs.then ?? []).map((expression) => `, ${expression}`).join('')} FROM head`,
      [...params, ...theirs.params],
    );
    if (result.length !== 1) return null;
    this.tip = { treeSize: size, rootHash: root, hashAlgorithm: from.hashAlgorithm, frontier };
    return entries;
  }

  /** The committed tree size and root. */
  async head(manager: EntityManager): Promise<LedgerHead> {
    const { adopted: _adopted, ...head } = await this.readHead(manager, false);
    return head;
  }

  /** The root of the log when it had `treeSize` entries. */
  async rootAt(manager: EntityManager, treeSize: number): Promise<Buffer> {
    const hasher = treeHasher((await this.checkSize(manager, treeSize, 'treeSize')).hashAlgorithm);
    if (treeSize === 0) return Buffer.from(hasher.emptyRoot);
    const [root] = await this.evaluate(manager, [rootPlan(treeSize)], hasher);
    return root!;
  }

  async entry(manager: EntityManager, leafIndex: number): Promise<LedgerEntry> {
    assertSize(leafIndex, 'leafIndex');
    const [entry] = await this.entries(manager, leafIndex, 1);
    if (!entry) throw new LedgerError(LedgerProblem.Unknown, `the log has no entry ${leafIndex}`, 'leafIndex');
    return entry;
  }

  /** Up to `limit` entries from `from` on, in log order. */
  async entries(manager: EntityManager, from: number, limit: number): Promise<LedgerEntry[]> {
    assertSize(from, 'from');
    assertSize(limit, 'limit');
    const rows: LeafRecordRaw[] = await manager.query(
      `SELECT leaf_index, leaf_hash, record, appended_at FROM audit_leaf
        WHERE leaf_index >= $1 AND leaf_index < (SELECT tree_size FROM audit_log_head)
        ORDER BY leaf_index LIMIT $2`,
      [from, Math.min(limit, MAX_APPEND_BATCH)],
    );
    return rows.map(toLeafRecord);
  }

  /** The first index a leaf hash was logged at (how a party that kept its record finds it), or null. */
  async findLeaf(manager: EntityManager, leafHash: Uint8Array): Promise<number | null> {
    assertHash(leafHash, 'leafHash');
    const rows: LeafIndexRaw[] = await manager.query(
      `SELECT leaf_index FROM audit_leaf
        WHERE leaf_hash = $1 AND leaf_index < (SELECT tree_size FROM audit_log_head)
        ORDER BY leaf_index LIMIT 1`,
      [Buffer.from(leafHash)],
    );
    return rows[0] ? toLeafIndex(rows[0]) : null;
  }

  /** Inclusion proof of entry `leafIndex` in the tree of `treeSize` entries (default: the head). */
  async inclusionProof(manager: EntityManager, leafIndex: number, treeSize?: number): Promise<InclusionProof> {
    const size = treeSize ?? (await this.readHead(manager, false)).treeSize;
    const { hashAlgorithm } = await this.checkSize(manager, size, 'treeSize');
    const plans = inclusionPlan(leafIndex, size);
    const leaf: HashPlan = [{ level: 0, index: leafIndex }];
    const [leafHash, ...proof] = await this.evaluate(manager, [leaf, ...plans], treeHasher(hashAlgorithm));
    return { leafIndex, treeSize: size, leafHash: leafHash!, proof, hashAlgorithm };
  }

  /** Consistency proof from `size1` to `size2` entries (RFC 9162 §2.1.4.1; empty when equal), in the log's hash. */
  async consistencyProof(manager: EntityManager, size1: number, size2: number): Promise<Buffer[]> {
    const { hashAlgorithm } = await this.checkSize(manager, size2, 'size2');
    return this.evaluate(manager, consistencyPlan(size1, size2), treeHasher(hashAlgorithm));
  }

  /**
   * Signs the head as a checkpoint and stores it under its tree size; a size already signed keeps
   * its first note (and returns it).
   */
  async signCheckpoint(manager: EntityManager, signer: NoteSigner): Promise<StoredCheckpoint> {
    const head = await this.readHead(manager, false);
    const note = signCheckpoint(signer, {
      origin: this.origin,
      treeSize: head.treeSize,
      rootHash: head.rootHash,
      hashAlgorithm: head.hashAlgorithm,
    });
    await manager.query(
      `INSERT INTO audit_checkpoint (tree_size, root_hash, note) VALUES ($1, $2, $3) ON CONFLICT (tree_size) DO NOTHING`,
      [head.treeSize, head.rootHash, note],
    );
    return (await this.checkpoint(manager, head.treeSize))!;
  }

  /** The checkpoint signed at `treeSize`, or the latest one; null when there is none. */
  async checkpoint(manager: EntityManager, treeSize?: number): Promise<StoredCheckpoint | null> {
    if (treeSize !== undefined) assertSize(treeSize, 'treeSize');
    const rows: CheckpointRaw[] = await manager.query(
      treeSize === undefined
        ? 'SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1'
        : 'SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoint WHERE tree_size = $1',
      treeSize === undefined ? [] : [treeSize],
    );
    if (!rows[0]) return null;
    const row = toCheckpoint(rows[0]);
    return { ...row, hashAlgorithm: parseCheckpoint(noteBody(row.note)).hashAlgorithm };
  }

  /**
   * Rebuilds the tree from the stored records — the only rows an auditor need trust — and compares
   * every stored leaf hash, subtree hash, the head and each checkpoint's signed root with it.
   * Returns the first difference; with `verifier`, checkpoint signatures are checked too.
   * Reads the whole log, in pages: an audit, not a request path.
   */
  async verifyLog(
    manager: EntityManager,
    options: { verifier?: NoteVerifier; pageSize?: number } = {},
  ): Promise<LogVerification> {
    const pageSize = Math.min(Math.max(options.pageSize ?? 1000, 1), MAX_APPEND_BATCH);
    const head = await this.readHead(manager, false);
    const hasher = treeHasher(head.hashAlgorithm);
    const checkpoints = await this.signedRoots(manager, options.verifier);
    const frontier: Array<{ level: number; hash: Buffer }> = [];
    const rootNow = () =>
      frontier.reduceRight<Buffer | null>(
        (right, node) => (right ? hasher.hashChildren(node.hash, right) : node.hash),
        null,
      ) ?? Buffer.from(hasher.emptyRoot);
    let size = 0;
    let checked = 0;
    const result = (firstIssue: LogIssue | null): LogVerification => ({
      treeSize: head.treeSize,
      rootHash: head.rootHash,
      checkedCheckpoints: checked,
      firstIssue,
    });
    /** Compares the checkpoints signed at the current size with the records' root. */
    const checkpointIssue = (root: Buffer): LogIssue | null => {
      while (checked < checkpoints.length && checkpoints[checked]!.treeSize === size) {
        const signed = checkpoints[checked]!;
        if (!signed.rootHash.equals(root)) {
          return {
            problem: 'checkpoint_mismatch',
            // The records up to the previous good checkpoint are vouched for; the difference is after.
            leafIndex: checked > 0 ? checkpoints[checked - 1]!.treeSize : 0,
            treeSize: signed.treeSize,
            message: `the checkpoint of size ${signed.treeSize} signed a root the records do not give`,
          };
        }
        checked += 1;
      }
      return null;
    };

    const signedSizes = new Set(checkpoints.map((c) => c.treeSize));
    const first = checkpointIssue(rootNow());
    if (first) return result(first);
    for (;;) {
      const page: LeafRaw[] = await manager.query(
        'SELECT leaf_index, leaf_hash, record FROM audit_leaf WHERE leaf_index >= $1 ORDER BY leaf_index LIMIT $2',
        [size, pageSize],
      );
      const rows = page.map(toLeaf);
      if (rows.length === 0) break;
      // Rebuild the page from its records, then compare in leaf order: the leaf, the subtrees it
      // closes, the checkpoints at the size it makes — so the issue reported is the earliest one.
      const steps: Array<{ issue: LogIssue | null; closed: Array<NodeId & { hash: Buffer }>; root: Buffer | null }> =
        [];
      let built = size;
      for (const row of rows) {
        const leafIndex = row.leafIndex;
        if (leafIndex !== built) {
          steps.push({
            issue: { problem: 'missing_leaf', leafIndex: built, message: `entry ${built} is missing` },
            closed: [],
            root: null,
          });
          break;
        }
        let leafHash: Buffer;
        try {
          leafHash = recordLeafHashIn(hasher, row.record);
        } catch {
          leafHash = Buffer.alloc(0);
        }
        if (!leafHash.equals(row.leafHash)) {
          const message = `entry ${leafIndex}: the stored record does not hash to its leaf hash`;
          steps.push({ issue: { problem: 'record_mismatch', leafIndex, message }, closed: [], root: null });
          break;
        }
        const closed = absorbLeaf(hasher, frontier, leafHash, leafIndex);
        built += 1;
        const signedHere = signedSizes.has(built);
        steps.push({ issue: null, closed, root: signedHere ? rootNow() : null });
      }
      const stored = await this.readSubtrees(
        manager,
        steps.flatMap((step) => step.closed),
      );
      for (const step of steps) {
        if (step.issue) return result(step.issue);
        for (const node of step.closed) {
          const hash = stored.get(nodeKey(node));
          if (!hash || !hash.equals(node.hash)) {
            const leafIndex = node.index * 2 ** node.level;
            return result({
              problem: hash ? 'subtree_mismatch' : 'missing_subtree',
              leafIndex,
              message: `the subtree of entries ${leafIndex}–${leafIndex + 2 ** node.level - 1} ${hash ? 'differs from' : 'is missing for'} its records`,
            });
          }
        }
        size += 1;
        const issue = step.root ? checkpointIssue(step.root) : null;
        if (issue) return result(issue);
      }
    }
    if (size !== head.treeSize || !rootNow().equals(head.rootHash)) {
      return result({
        problem: 'head_mismatch',
        leafIndex: Math.min(size, head.treeSize),
        treeSize: head.treeSize,
        message: `the head says ${head.treeSize} entries with its root; the records give ${size}`,
      });
    }
    if (checked < checkpoints.length) {
      const signed = checkpoints[checked]!;
      return result({
        problem: 'checkpoint_mismatch',
        leafIndex: size,
        treeSize: signed.treeSize,
        message: `a checkpoint was signed at size ${signed.treeSize}, beyond the ${size} entries stored`,
      });
    }
    return result(null);
  }

  /** Each stored checkpoint's signed size and root, in size order (from the note, not its columns). */
  private async signedRoots(
    manager: EntityManager,
    verifier?: NoteVerifier,
  ): Promise<Array<{ treeSize: number; rootHash: Buffer }>> {
    const rows: SignedNoteRaw[] = await manager.query(
      'SELECT tree_size, note FROM audit_checkpoint ORDER BY tree_size',
    );
    return rows.map(toSignedNote).map((row) => {
      const checkpoint = verifier
        ? openCheckpoint(row.note, verifier, this.origin)
        : parseCheckpoint(noteBody(row.note));
      if (checkpoint.treeSize !== row.treeSize) {
        throw new LedgerError(
          LedgerProblem.Corrupted,
          `the checkpoint stored at size ${row.treeSize} is for size ${checkpoint.treeSize}`,
        );
      }
      return { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash };
    });
  }

  private async readHead(manager: EntityManager, lock: boolean): Promise<ReadHead> {
    const rows: HeadRaw[] = await manager.query(
      `SELECT tree_size, root_hash, hash_algorithm FROM audit_log_head${lock ? ' FOR UPDATE' : ''}`,
    );
    if (!rows[0])
      throw new LedgerError(LedgerProblem.Corrupted, 'the audit log has no head row (is the migration applied?)');
    const row = toHead(rows[0]);
    const treeSize = row.treeSize;
    const stored = treeHasher(row.hashAlgorithm).algorithm;
    if (treeSize === 0 && stored !== this.hashAlgorithm) {
      const rootHash = Buffer.from(treeHasher(this.hashAlgorithm).emptyRoot);
      return { treeSize, rootHash, hashAlgorithm: this.hashAlgorithm, adopted: true };
    }
    return { treeSize, rootHash: row.rootHash, hashAlgorithm: stored, adopted: false };
  }

  private async checkSize(manager: EntityManager, treeSize: number, path: string): Promise<LedgerHead> {
    assertSize(treeSize, path);
    const head = await this.readHead(manager, false);
    if (treeSize > head.treeSize) {
      throw new LedgerError(LedgerProblem.Unknown, `the log has ${head.treeSize} entries, not ${treeSize}`, path);
    }
    return head;
  }

  /** The hashes of plans, reading each node they need once (one query). */
  private async evaluate(manager: EntityManager, plans: readonly HashPlan[], hasher: TreeHasher): Promise<Buffer[]> {
    const nodeHash = await this.readNodes(manager, nodesOf(plans));
    return plans.map((plan) => foldPlan(plan, nodeHash, hasher));
  }

  /** Reads stored node hashes (level 0 from the leaves); a node that should exist and does not is corruption. */
  private async readNodes(manager: EntityManager, ids: readonly NodeId[]): Promise<(id: NodeId) => Buffer> {
    const leaves = ids.filter((id) => id.level === 0).map((id) => id.index);
    const inner = ids.filter((id) => id.level > 0);
    const found = new Map<string, Buffer>();
    if (leaves.length > 0) {
      const rows: LeafRaw[] = await manager.query(
        'SELECT leaf_index, leaf_hash FROM audit_leaf WHERE leaf_index = ANY($1::bigint[])',
        [leaves],
      );
      for (const { leafIndex, leafHash } of rows.map(toLeaf))
        found.set(nodeKey({ level: 0, index: leafIndex }), leafHash);
    }
    for (const [key, hash] of await this.readSubtrees(manager, inner)) found.set(key, hash);
    return (id) => {
      const hash = found.get(nodeKey(id));
      if (!hash) throw new LedgerError(LedgerProblem.Corrupted, `the stored tree lacks node ${nodeKey(id)}`);
      return hash;
    };
  }

  private async readSubtrees(manager: EntityManager, ids: readonly NodeId[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    if (ids.length === 0) return found;
    const rows: SubtreeRaw[] = await manager.query(
      `SELECT s.level, s.node_index, s.hash
         FROM unnest($1::smallint[], $2::bigint[]) AS w(level, node_index)
         JOIN audit_subtree s ON s.level = w.level AND s.node_index = w.node_index`,
      [ids.map((id) => id.level), ids.map((id) => id.index)],
    );
    for (const { hash, ...id } of rows.map(toSubtree)) found.set(nodeKey(id), hash);
    return found;
  }
}

/**
 * Adds leaf `leafIndex` to a tree's frontier (the roots of its complete subtrees, largest first):
 * equal-level subtrees merge as the leaf closes them. Returns the nodes closed, lowest first.
 */
function absorbLeaf(
  hasher: TreeHasher,
  frontier: Array<{ level: number; hash: Buffer }>,
  leafHash: Buffer,
  leafIndex: number,
): Array<NodeId & { hash: Buffer }> {
  const closed: Array<NodeId & { hash: Buffer }> = [];
  let hash = leafHash;
  let level = 0;
  let index = leafIndex;
  while (frontier.length > 0 && frontier[frontier.length - 1]!.level === level) {
    hash = hasher.hashChildren(frontier.pop()!.hash, hash);
    level += 1;
    index = Math.floor(index / 2);
    closed.push({ level, index, hash });
  }
  frontier.push({ level, hash });
  return closed;
}

/** The text a note signs: everything before the blank line that starts its signatures. */
function noteBody(note: string): string {
  return note.slice(0, note.lastIndexOf('\n\n') + 1);
}
