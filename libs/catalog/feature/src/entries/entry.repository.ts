import { isUuid } from '@govdata/codes';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { formatEntryCode, MAX_SEQUENCE } from './entry-code.js';
import type { EntryContent } from './entry-content.js';
import type { VersionState } from './entry-lifecycle.js';
import {
  toEntryRecord,
  toTransitionRecord,
  toVersionRecord,
  type EntryRecordRaw,
  type TransitionRecordRaw,
  type VersionRecordRaw,
} from './entry-rows.js';
import { EntryRule } from './entry.exception.js';
import type { EntryRecord, FieldReason, TransitionRecord, VersionRecord } from './entry.types.js';
import type { ReaderScope } from './entry-visibility.js';

const ENTRY_COLUMNS = `e.id, e.code, e.node_code, e.organisation_id, e.head_version, e.head_state, e.published_version,
  e.retired_at, e.authoritative_entry_id, e.created_by, e.created_at, e.updated_at, e.first_published_at`;
const VERSION_COLUMNS = `v.entry_id, v.version, v.state, v.content, v.return_reasons, v.created_by, v.created_at,
  v.updated_at, v.submitted_at, v.approved_at, v.published_at, to_char(v.publish_date, 'YYYY-MM-DD') AS publish_date`;

/** Timestamps a version state change sets. */
const STATE_TIMESTAMP: Partial<Record<VersionState, string>> = {
  submitted: 'submitted_at',
  approved: 'approved_at',
  published: 'published_at',
};

export interface EntryListFilter {
  organisationId?: string;
  status?: string;
  /** Keyset: entries updated before this (updated_at, id). */
  after?: { updatedAt: string; id: string };
  limit: number;
}

/**
 * Queries on catalog entries, their versions and transitions, and the codes they are given. The one
 * writer of `catalog_entry`, `catalog_entry_version`, `entry_transition`, `code_sequence` and
 * `assigned_code`: other features read those tables, and change an entry only through here.
 */
export class EntryRepository {
  async insertEntry(
    manager: EntityManager,
    entry: {
      id: string;
      code: string;
      nodeCode: string;
      organisationId: string;
      createdBy: string;
      content: EntryContent;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO catalog_entry (id, code, node_code, organisation_id, head_version, head_state, created_by)
       VALUES ($1, $2, $3, $4, 1, 'draft', $5)`,
      [entry.id, entry.code, entry.nodeCode, entry.organisationId, entry.createdBy],
    );
    await this.insertVersion(manager, entry.id, 1, entry.content, entry.createdBy);
  }

  async insertVersion(
    manager: EntityManager,
    entryId: string,
    version: number,
    content: EntryContent,
    createdBy: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO catalog_entry_version (entry_id, version, state, content, name, created_by)
       VALUES ($1, $2, 'draft', $3, $4, $5)`,
      [entryId, version, JSON.stringify(content), content.name, createdBy],
    );
  }

  /** The entry by id or code, locked for the rest of the transaction. */
  async lock(manager: EntityManager, nodeCode: string, idOrCode: string): Promise<EntryRecord | null> {
    return this.find(manager, nodeCode, idOrCode, true);
  }

  async find(
    manager: EntityManager,
    nodeCode: string,
    idOrCode: string,
    forUpdate = false,
  ): Promise<EntryRecord | null> {
    const byId = isUuid(idOrCode);
    const rows: EntryRecordRaw[] = await manager.query(
      `SELECT ${ENTRY_COLUMNS} FROM catalog_entry e
       WHERE e.node_code = $1 AND ${byId ? 'e.id = $2::uuid' : 'e.code = $2'} ${forUpdate ? 'FOR UPDATE' : ''}`,
      [nodeCode, idOrCode],
    );
    return rows[0] ? toEntryRecord(rows[0]) : null;
  }

  async findVersion(manager: EntityManager, entryId: string, version: number): Promise<VersionRecord | null> {
    const rows: VersionRecordRaw[] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM catalog_entry_version v WHERE v.entry_id = $1 AND v.version = $2`,
      [entryId, version],
    );
    return rows[0] ? toVersionRecord(rows[0]) : null;
  }

  async listVersions(manager: EntityManager, entryId: string): Promise<VersionRecord[]> {
    const rows: VersionRecordRaw[] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM catalog_entry_version v WHERE v.entry_id = $1 ORDER BY v.version`,
      [entryId],
    );
    return rows.map(toVersionRecord);
  }

  async replaceContent(manager: EntityManager, entryId: string, version: number, content: EntryContent): Promise<void> {
    await manager.query(
      `UPDATE catalog_entry_version SET content = $3, name = $4, updated_at = now()
       WHERE entry_id = $1 AND version = $2`,
      [entryId, version, JSON.stringify(content), content.name],
    );
  }

  async setVersionState(
    manager: EntityManager,
    entryId: string,
    version: number,
    state: VersionState,
    returnReasons?: FieldReason[] | null,
  ): Promise<void> {
    const stamp = STATE_TIMESTAMP[state];
    await manager.query(
      `UPDATE catalog_entry_version SET state = $3, updated_at = now()
         ${stamp ? `, ${stamp} = now()` : ''}
         ${state === 'published' ? `, publish_date = (now() AT TIME ZONE 'Asia/Shanghai')::date` : ''}
         ${returnReasons !== undefined ? ', return_reasons = $4' : ''}
       WHERE entry_id = $1 AND version = $2`,
      returnReasons !== undefined
        ? [entryId, version, state, returnReasons === null ? null : JSON.stringify(returnReasons)]
        : [entryId, version, state],
    );
  }

  async setHead(
    manager: EntityManager,
    entryId: string,
    head: { version: number; state: VersionState; publishedVersion?: number; retired?: boolean },
  ): Promise<void> {
    await manager.query(
      `UPDATE catalog_entry SET head_version = $2, head_state = $3, updated_at = now()
         ${head.publishedVersion !== undefined ? ', published_version = $4, first_published_at = coalesce(first_published_at, now())' : ''}
         ${head.retired ? ', retired_at = now()' : ''}
       WHERE id = $1`,
      head.publishedVersion !== undefined
        ? [entryId, head.version, head.state, head.publishedVersion]
        : [entryId, head.version, head.state],
    );
  }

  async insertTransition(
    manager: EntityManager,
    t: Omit<TransitionRecord, 'seq' | 'at'>,
  ): Promise<{ seq: number; at: Date }> {
    const rows: Array<{ seq: string; at: Date }> = await manager.query(
      `INSERT INTO entry_transition
         (entry_id, version, action, from_state, to_state, actor_subject, actor_name, actor_organisation_id, reason, field_reasons)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq, at`,
      [
        t.entryId,
        t.version,
        t.action,
        t.fromState,
        t.toState,
        t.actor.subject,
        t.actor.name,
        t.actor.organisationId,
        t.reason,
        t.fieldReasons ? JSON.stringify(t.fieldReasons) : null,
      ],
    );
    return { seq: Number(rows[0]!.seq), at: rows[0]!.at };
  }

  async transitions(manager: EntityManager, entryId: string): Promise<TransitionRecord[]> {
    const rows: TransitionRecordRaw[] = await manager.query(
      `SELECT seq, entry_id, version, action, from_state, to_state, actor_subject, actor_name, actor_organisation_id,
              reason, field_reasons, at
       FROM entry_transition WHERE entry_id = $1 ORDER BY seq`,
      [entryId],
    );
    return rows.map(toTransitionRecord);
  }

  /** Transitions of the node after a sequence number, oldest first, with the entry's code (the change stream). */
  async transitionsAfter(
    manager: EntityManager,
    nodeCode: string,
    afterSeq: number,
    limit: number,
  ): Promise<Array<TransitionRecord & { code: string }>> {
    const rows: Array<TransitionRecordRaw & { code: string }> = await manager.query(
      `SELECT t.seq, t.entry_id, t.version, t.action, t.from_state, t.to_state, t.actor_subject, t.actor_name,
              t.actor_organisation_id, t.reason, t.field_reasons, t.at, e.code
       FROM entry_transition t JOIN catalog_entry e ON e.id = t.entry_id
       WHERE e.node_code = $1 AND t.seq > $2 ORDER BY t.seq LIMIT $3`,
      [nodeCode, afterSeq, limit],
    );
    return rows.map((row) => ({ ...toTransitionRecord(row), code: row.code }));
  }

  /**
   * Entries the reader may see, newest change first, keyset-paged on (updated_at, id). Unpublished
   * and restricted entries only for their organisation and the node authority.
   */
  async list(
    manager: EntityManager,
    reader: ReaderScope,
    filter: EntryListFilter,
  ): Promise<Array<EntryRecord & { name: string; restricted: boolean }>> {
    const params: unknown[] = [reader.nodeCode, reader.organisationId, reader.nodeAuthority];
    const where = [
      'e.node_code = $1',
      `($3 OR e.organisation_id = $2::uuid OR (e.published_version IS NOT NULL AND NOT ${RESTRICTED_SQL}))`,
    ];
    if (filter.organisationId) {
      params.push(filter.organisationId);
      where.push(`e.organisation_id = $${params.length}::uuid`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`${ENTRY_STATUS_SQL} = $${params.length}`);
    }
    if (filter.after) {
      params.push(filter.after.updatedAt, filter.after.id);
      where.push(`(e.updated_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    const rows: Array<EntryRecordRaw & { name: string; restricted: boolean }> = await manager.query(
      `SELECT ${ENTRY_COLUMNS}, v.name, ${RESTRICTED_SQL} AS restricted
       FROM catalog_entry e
       JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = coalesce(e.published_version, e.head_version)
       WHERE ${where.join(' AND ')}
       ORDER BY e.updated_at DESC, e.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({ ...toEntryRecord(row), name: row.name, restricted: row.restricted }));
  }

  /**
   * Hands out the next code for a 前段码 on this node and records it as assigned. The counter row is
   * locked by the upsert until the transaction ends, so parallel creations queue on it and never get
   * the same number; numbers only grow, so a retired or abandoned code is never reused.
   */
  async assignCode(
    manager: EntityManager,
    nodeCode: string,
    classificationCode: string,
    entryId: string,
  ): Promise<string> {
    const rows: Array<{ last_value: number }> = await manager.query(
      `INSERT INTO code_sequence (node_code, prefix, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (node_code, prefix) DO UPDATE SET last_value = code_sequence.last_value + 1
       RETURNING last_value`,
      [nodeCode, classificationCode],
    );
    const sequence = rows[0]!.last_value;
    if (sequence > MAX_SEQUENCE) {
      throw GovdataError.rule(
        'content.classificationCode',
        EntryRule.CodeSpaceExhausted,
        `all ${MAX_SEQUENCE} codes under ${classificationCode} on node ${nodeCode} are used; classify the entry more finely (目/细目)`,
      );
    }
    const code = formatEntryCode(classificationCode, nodeCode, sequence);
    await manager.query('INSERT INTO assigned_code (code, entry_id) VALUES ($1, $2)', [code, entryId]);
    return code;
  }

  /** Marks a code released (retired entry, re-coded draft); it stays assigned, so it is never handed out again. */
  async releaseCode(manager: EntityManager, code: string): Promise<void> {
    await manager.query('UPDATE assigned_code SET released_at = now() WHERE code = $1', [code]);
  }

  /** Gives an entry its new code (a draft never published, re-classified). */
  async setCode(manager: EntityManager, entryId: string, code: string): Promise<void> {
    await manager.query('UPDATE catalog_entry SET code = $2 WHERE id = $1', [entryId, code]);
  }

  /** The entry's authoritative-source pointer (一数一源), locked; undefined when no such entry is on the node. */
  async lockAuthority(manager: EntityManager, nodeCode: string, entryId: string): Promise<string | null | undefined> {
    const rows: Array<{ authoritative_entry_id: string | null }> = await manager.query(
      'SELECT authoritative_entry_id FROM catalog_entry WHERE node_code = $1 AND id = $2 FOR UPDATE',
      [nodeCode, entryId],
    );
    return rows[0] === undefined ? undefined : rows[0].authoritative_entry_id;
  }

  /**
   * The subordinate entry — and every entry that pointed at it — now points to the authority,
   * which itself points nowhere: chains never form, so every entry is one step from its source.
   */
  async designateAuthority(
    manager: EntityManager,
    nodeCode: string,
    authorityId: string,
    subordinateId: string,
  ): Promise<void> {
    await manager.query(`UPDATE catalog_entry SET authoritative_entry_id = NULL WHERE node_code = $1 AND id = $2`, [
      nodeCode,
      authorityId,
    ]);
    await manager.query(
      `UPDATE catalog_entry SET authoritative_entry_id = $2
       WHERE node_code = $1 AND (id = $3 OR authoritative_entry_id = $3)`,
      [nodeCode, authorityId, subordinateId],
    );
  }

  /** How many entries the node has registered (retired ones included). */
  async countOnNode(manager: EntityManager, nodeCode: string): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query(
      'SELECT count(*)::int AS n FROM catalog_entry WHERE node_code = $1',
      [nodeCode],
    );
    return rows[0]!.n;
  }

  async classificationExists(manager: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM classification WHERE code = $1', [code]);
    return rows.length > 0;
  }

  /** Which of these codes belong to entries known on this node (for 关联资源代码). */
  async existingCodes(manager: EntityManager, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows: Array<{ code: string }> = await manager.query('SELECT code FROM catalog_entry WHERE code = ANY($1)', [
      codes,
    ]);
    return new Set(rows.map((r) => r.code));
  }
}

/** SQL for "restricted" on a version row aliased `alias` — mirrors `isRestricted` in entry-visibility.ts. */
export function restrictedSql(alias: string): string {
  return `(${alias}.content->'sharing'->>'type' = 'none' OR ${alias}.content->'grade'->>'category' = 'core')`;
}
const RESTRICTED_SQL = restrictedSql('v');
/** SQL for the status of an entry row aliased `e` — mirrors `entryStatus` in entry-lifecycle.ts. */
export const ENTRY_STATUS_SQL = `(CASE WHEN e.retired_at IS NOT NULL THEN 'retired' WHEN e.published_version IS NOT NULL THEN 'published' ELSE e.head_state END)`;
