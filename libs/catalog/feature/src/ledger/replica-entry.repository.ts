import { isUuid } from '@govdata/codes';
import type { EntityManager } from 'typeorm';
import type { ReplicaRecord } from './replica-projection.js';
import { toStoredReplica, type ReplicaEntryRaw, type StoredReplica } from './replica-rows.js';

export type { StoredReplica } from './replica-rows.js';

/** Entries per origin node, own or replica, and status (from the search index, which holds both). */
export interface StatusCount {
  nodeCode: string;
  replica: boolean;
  status: string;
  count: number;
}

const COLUMNS = `origin_node, entry_id, code, organisation_id, provider_name, provider_code, version, entry_version,
  content, to_char(publish_date, 'YYYY-MM-DD') AS publish_date, published_at, path, received_at, retired, restricted`;

/** `replica_entry`: the read-only replicas of the subtree (一本账). */
export class ReplicaEntryRepository {
  /**
   * Stores the record unless a version as high is stored already — one atomic statement, so two
   * copies of a record arriving together (two paths, a replay) cannot both win. A retirement keeps
   * the publication time. Returns the stored replica when applied, null when it changed nothing.
   */
  async upsertIfNewer(manager: EntityManager, r: ReplicaRecord): Promise<StoredReplica | null> {
    const rows: ReplicaEntryRaw[] = await manager.query(
      `INSERT INTO replica_entry (origin_node, entry_id, code, organisation_id, provider_name, provider_code, version,
                                  entry_version, content, publish_date, published_at, path, received_at, retired, restricted)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::date, $11, $12::text[], $13, $14, $15)
       ON CONFLICT (origin_node, entry_id) DO UPDATE SET
              code = EXCLUDED.code, organisation_id = EXCLUDED.organisation_id,
              provider_name = EXCLUDED.provider_name, provider_code = EXCLUDED.provider_code,
              version = EXCLUDED.version, entry_version = EXCLUDED.entry_version, content = EXCLUDED.content,
              publish_date = EXCLUDED.publish_date,
              published_at = CASE WHEN EXCLUDED.retired THEN replica_entry.published_at ELSE EXCLUDED.published_at END,
              path = EXCLUDED.path, received_at = EXCLUDED.received_at, retired = EXCLUDED.retired,
              restricted = EXCLUDED.restricted, applied_at = now()
        WHERE replica_entry.version < EXCLUDED.version
       RETURNING ${COLUMNS}`,
      [
        r.originNode,
        r.entryId,
        r.code,
        r.organisationId,
        r.providerName,
        r.providerCode,
        r.version,
        r.entryVersion,
        JSON.stringify(r.content),
        r.publishDate,
        r.at,
        r.path,
        r.receivedAt,
        r.retired,
        r.restricted,
      ],
    );
    return rows[0] ? toStoredReplica(rows[0]) : null;
  }

  /** A replica of `origin` by entry id or 信息资源代码 (the latest by version when a code repeats). */
  async find(manager: EntityManager, origin: string, idOrCode: string): Promise<StoredReplica | null> {
    const byId = isUuid(idOrCode);
    const rows: ReplicaEntryRaw[] = await manager.query(
      `SELECT ${COLUMNS} FROM replica_entry
        WHERE origin_node = $1 AND ${byId ? 'entry_id = $2::uuid' : 'code = $2'}
        ORDER BY retired, version DESC LIMIT 1`,
      [origin, idOrCode],
    );
    return rows[0] ? toStoredReplica(rows[0]) : null;
  }

  /** Replicas after `after` in (origin node, entry id) order, for rebuilding the search index batch by batch. */
  async pageAfter(
    manager: EntityManager,
    after: { originNode: string; entryId: string } | null,
    limit: number,
  ): Promise<StoredReplica[]> {
    const rows: ReplicaEntryRaw[] = await manager.query(
      `SELECT ${COLUMNS} FROM replica_entry
        WHERE (origin_node, entry_id) > ($1::text, $2::uuid)
        ORDER BY origin_node, entry_id LIMIT $3`,
      [after?.originNode ?? '', after?.entryId ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map(toStoredReplica);
  }

  /** Entries per origin node and status: own entries only (`node`), or with the replicas (`subtree`). */
  async statusCounts(manager: EntityManager, scope: 'node' | 'subtree'): Promise<StatusCount[]> {
    const rows: Array<{ node_code: string; replica: boolean; status: string; n: number }> = await manager.query(
      `SELECT s.node_code, s.replica, s.status, count(*)::int AS n
         FROM entry_search s
        WHERE $1::boolean OR NOT s.replica
        GROUP BY 1, 2, 3
        ORDER BY 1, 3`,
      [scope === 'subtree'],
    );
    return rows.map((r) => ({ nodeCode: r.node_code, replica: r.replica, status: r.status, count: r.n }));
  }
}
