import type { EntityManager } from 'typeorm';
import type { EntryContent } from './entry-content.js';
import type { VersionState } from './entry-lifecycle.js';
import type { EntryRecord, FieldReason, TransitionRecord, VersionRecord } from './entry.types.js';
import type { ReaderScope } from './entry-visibility.js';
import { isUuid } from '@govdata/codes';

type Row = Record<string, unknown>;

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

/** Queries on catalog entries, their versions and transitions. Every query is scoped to a node. */
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
    const rows: Row[] = await manager.query(
      `SELECT ${ENTRY_COLUMNS} FROM catalog_entry e
       WHERE e.node_code = $1 AND ${byId ? 'e.id = $2::uuid' : 'e.code = $2'} ${forUpdate ? 'FOR UPDATE' : ''}`,
      [nodeCode, idOrCode],
    );
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async findVersion(manager: EntityManager, entryId: string, version: number): Promise<VersionRecord | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM catalog_entry_version v WHERE v.entry_id = $1 AND v.version = $2`,
      [entryId, version],
    );
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async listVersions(manager: EntityManager, entryId: string): Promise<VersionRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM catalog_entry_version v WHERE v.entry_id = $1 ORDER BY v.version`,
      [entryId],
    );
    return rows.map(toVersion);
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
    const rows: Row[] = await manager.query(
      `SELECT seq, entry_id, version, action, from_state, to_state, actor_subject, actor_name, actor_organisation_id,
              reason, field_reasons, at
       FROM entry_transition WHERE entry_id = $1 ORDER BY seq`,
      [entryId],
    );
    return rows.map(toTransition);
  }

  /** Transitions of the node after a sequence number, oldest first, with the entry's code (the change stream). */
  async transitionsAfter(
    manager: EntityManager,
    nodeCode: string,
    afterSeq: number,
    limit: number,
  ): Promise<Array<TransitionRecord & { code: string }>> {
    const rows: Row[] = await manager.query(
      `SELECT t.seq, t.entry_id, t.version, t.action, t.from_state, t.to_state, t.actor_subject, t.actor_name,
              t.actor_organisation_id, t.reason, t.field_reasons, t.at, e.code
       FROM entry_transition t JOIN catalog_entry e ON e.id = t.entry_id
       WHERE e.node_code = $1 AND t.seq > $2 ORDER BY t.seq LIMIT $3`,
      [nodeCode, afterSeq, limit],
    );
    return rows.map((row) => ({ ...toTransition(row), code: row['code'] as string }));
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
    const rows: Row[] = await manager.query(
      `SELECT ${ENTRY_COLUMNS}, v.name, ${RESTRICTED_SQL} AS restricted
       FROM catalog_entry e
       JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = coalesce(e.published_version, e.head_version)
       WHERE ${where.join(' AND ')}
       ORDER BY e.updated_at DESC, e.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      ...toEntry(row),
      name: row['name'] as string,
      restricted: row['restricted'] as boolean,
    }));
  }

  async classificationExists(manager: EntityManager, code: string): Promise<boolean> {
    const rows: Row[] = await manager.query('SELECT 1 FROM classification WHERE code = $1', [code]);
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

function toEntry(row: Row): EntryRecord {
  return {
    id: row['id'] as string,
    code: row['code'] as string,
    nodeCode: row['node_code'] as string,
    organisationId: row['organisation_id'] as string,
    headVersion: row['head_version'] as number,
    headState: row['head_state'] as VersionState,
    publishedVersion: (row['published_version'] as number | null) ?? null,
    retiredAt: (row['retired_at'] as Date | null) ?? null,
    authoritativeEntryId: (row['authoritative_entry_id'] as string | null) ?? null,
    createdBy: row['created_by'] as string,
    createdAt: row['created_at'] as Date,
    updatedAt: row['updated_at'] as Date,
    firstPublishedAt: (row['first_published_at'] as Date | null) ?? null,
  };
}

function toVersion(row: Row): VersionRecord {
  return {
    entryId: row['entry_id'] as string,
    version: row['version'] as number,
    state: row['state'] as VersionState,
    content: row['content'] as EntryContent,
    returnReasons: (row['return_reasons'] as FieldReason[] | null) ?? null,
    createdBy: row['created_by'] as string,
    createdAt: row['created_at'] as Date,
    updatedAt: row['updated_at'] as Date,
    submittedAt: (row['submitted_at'] as Date | null) ?? null,
    approvedAt: (row['approved_at'] as Date | null) ?? null,
    publishedAt: (row['published_at'] as Date | null) ?? null,
    publishDate: (row['publish_date'] as string | null) ?? null,
  };
}

function toTransition(row: Row): TransitionRecord {
  return {
    seq: Number(row['seq']),
    entryId: row['entry_id'] as string,
    version: row['version'] as number,
    action: row['action'] as string,
    fromState: (row['from_state'] as string | null) ?? null,
    toState: row['to_state'] as string,
    actor: {
      subject: row['actor_subject'] as string,
      name: (row['actor_name'] as string | null) ?? null,
      organisationId: (row['actor_organisation_id'] as string | null) ?? null,
    },
    reason: (row['reason'] as string | null) ?? null,
    fieldReasons: (row['field_reasons'] as FieldReason[] | null) ?? null,
    at: row['at'] as Date,
  };
}
