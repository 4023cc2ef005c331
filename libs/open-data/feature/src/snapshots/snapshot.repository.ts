import type { EntityManager } from 'typeorm';
import type { DownloadFormat } from '../datasets/open-vocabulary.js';

export interface SnapshotRecord {
  resourceId: string;
  format: DownloadFormat;
  fileName: string;
  bytes: number;
  rows: number;
  sha256: string;
  generatedAt: string;
}

/** How long a file of each update cycle stays current before it is generated again. */
export const CYCLE_INTERVALS: Readonly<Record<string, string>> = {
  realtime: '1 hour',
  daily: '1 day',
  weekly: '7 days',
  monthly: '1 month',
  quarterly: '3 months',
  yearly: '1 year',
  other: '1 month',
};

/** The snapshots of table resources: the only writer of `open_snapshot`. */
export class SnapshotRepository {
  async find(manager: EntityManager, resourceId: string, format: DownloadFormat): Promise<SnapshotRecord | null> {
    const rows: SnapshotRaw[] = await manager.query(
      `SELECT * FROM open_snapshot WHERE resource_id = $1 AND format = $2 AND sha256 IS NOT NULL`,
      [resourceId, format],
    );
    return rows[0] ? toSnapshot(rows[0]) : null;
  }

  async forResources(manager: EntityManager, resourceIds: readonly string[]): Promise<SnapshotRecord[]> {
    if (resourceIds.length === 0) return [];
    const rows: SnapshotRaw[] = await manager.query(
      'SELECT * FROM open_snapshot WHERE resource_id = ANY($1) AND sha256 IS NOT NULL ORDER BY resource_id, format',
      [resourceIds],
    );
    return rows.map(toSnapshot);
  }

  /**
   * Takes the lease on the next file due: of an open dataset opened without conditions, missing,
   * or older than its update cycle, and not being generated elsewhere. Null when nothing is due.
   */
  async leaseNextDue(
    manager: EntityManager,
    nodeCode: string,
    formats: readonly DownloadFormat[],
    leaseSeconds: number,
  ): Promise<{ resourceId: string; format: DownloadFormat } | null> {
    const due: Array<{ resource_id: string; format: DownloadFormat }> = await manager.query(
      `SELECT r.id AS resource_id, f.format
       FROM open_resource r
       JOIN open_dataset d ON d.id = r.dataset_id
       CROSS JOIN unnest($2::text[]) AS f (format)
       LEFT JOIN open_snapshot s ON s.resource_id = r.id AND s.format = f.format
       WHERE d.node_code = $1 AND d.status = 'open' AND d.open_type = 'unconditional'
         AND (s.lease_until IS NULL OR s.lease_until < now())
         AND (s.generated_at IS NULL OR s.generated_at < r.updated_at
              OR s.generated_at < now() - (${cycleCase('d.update_cycle')})::interval)
       ORDER BY s.generated_at NULLS FIRST, r.id
       LIMIT 1`,
      [nodeCode, formats],
    );
    const next = due[0];
    if (!next) return null;
    const leased: unknown[] = await manager.query(
      `INSERT INTO open_snapshot (resource_id, format, lease_until) VALUES ($1, $2, now() + $3 * interval '1 second')
       ON CONFLICT (resource_id, format) DO UPDATE SET lease_until = excluded.lease_until
         WHERE open_snapshot.lease_until IS NULL OR open_snapshot.lease_until < now()
       RETURNING resource_id`,
      [next.resource_id, next.format, leaseSeconds],
    );
    return leased.length ? { resourceId: next.resource_id, format: next.format } : null;
  }

  async complete(manager: EntityManager, s: Omit<SnapshotRecord, 'generatedAt'>): Promise<void> {
    await manager.query(
      `UPDATE open_snapshot SET file_name = $3, bytes = $4, rows = $5, sha256 = $6, generated_at = now(),
         lease_until = NULL, failure = NULL
       WHERE resource_id = $1 AND format = $2`,
      [s.resourceId, s.format, s.fileName, s.bytes, s.rows, s.sha256],
    );
  }

  /** Keeps the earlier file (if any) and says why this one failed; tried again when the lease ends. */
  async fail(manager: EntityManager, resourceId: string, format: DownloadFormat, failure: string): Promise<void> {
    await manager.query(
      `UPDATE open_snapshot SET failure = $3, lease_until = now() + interval '5 minutes'
       WHERE resource_id = $1 AND format = $2`,
      [resourceId, format, failure.slice(0, 500)],
    );
  }

  /** Forgets a resource's files (a new review changed what it publishes); their names, to remove. */
  async forget(manager: EntityManager, resourceIds: readonly string[]): Promise<string[]> {
    if (resourceIds.length === 0) return [];
    const rows: Array<{ file_name: string | null }> = await manager.query(
      'DELETE FROM open_snapshot WHERE resource_id = ANY($1) RETURNING file_name',
      [resourceIds],
    );
    return rows.flatMap((r) => (r.file_name ? [r.file_name] : []));
  }
}

function cycleCase(column: string): string {
  return `CASE ${column} ${Object.entries(CYCLE_INTERVALS)
    .map(([cycle, interval]) => `WHEN '${cycle}' THEN '${interval}'`)
    .join(' ')} ELSE '1 month' END`;
}

interface SnapshotRaw {
  resource_id: string;
  format: DownloadFormat;
  file_name: string;
  bytes: string;
  rows: string;
  sha256: string;
  generated_at: Date;
}

function toSnapshot(r: SnapshotRaw): SnapshotRecord {
  return {
    resourceId: r.resource_id,
    format: r.format,
    fileName: r.file_name,
    bytes: Number(r.bytes),
    rows: Number(r.rows),
    sha256: r.sha256,
    generatedAt: r.generated_at.toISOString(),
  };
}
