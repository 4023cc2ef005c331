import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import type { KeysetPosition } from '../paging/keyset-cursor.js';
import type { ShowcaseKind, ShowcaseRecord, ShowcaseStatus } from './showcase.js';

interface ShowcaseRaw {
  id: string;
  account_id: string;
  submitter_kind: 'person' | 'company';
  submitter_name: string;
  submitter_id_masked: string;
  title: string;
  description: string;
  kind: ShowcaseKind;
  url: string;
  dataset_ids: string[];
  status: ShowcaseStatus;
  submitted_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  refusal_reason: string | null;
}

export function toShowcase(r: ShowcaseRaw): ShowcaseRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    submitter: { kind: r.submitter_kind, name: r.submitter_name, idMasked: r.submitter_id_masked },
    title: r.title,
    description: r.description,
    kind: r.kind,
    url: r.url,
    datasetIds: r.dataset_ids,
    status: r.status,
    submittedAt: r.submitted_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedBy: r.decided_by,
    refusalReason: r.refusal_reason,
  };
}

/** 应用成果 as stored: the only writer of `open_showcase`. */
export class ShowcaseRepository {
  async insert(
    manager: EntityManager,
    s: Pick<ShowcaseRecord, 'id' | 'accountId' | 'submitter' | 'title' | 'description' | 'kind' | 'url' | 'datasetIds'>,
  ): Promise<ShowcaseRecord> {
    const rows: ShowcaseRaw[] = await manager.query(
      `INSERT INTO open_showcase (id, account_id, submitter_kind, submitter_name, submitter_id_masked, title,
         description, kind, url, dataset_ids, status, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::uuid[], 'submitted', now())
       RETURNING *`,
      [
        s.id,
        s.accountId,
        s.submitter.kind,
        s.submitter.name,
        s.submitter.idMasked,
        s.title,
        s.description,
        s.kind,
        s.url,
        s.datasetIds,
      ],
    );
    return toShowcase(rows[0]!);
  }

  async findById(manager: EntityManager, id: string, forUpdate = false): Promise<ShowcaseRecord | null> {
    const rows: ShowcaseRaw[] = await manager.query(
      `SELECT * FROM open_showcase WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toShowcase(rows[0]) : null;
  }

  /** Records the decision of a submitted showcase; null when it was decided meanwhile. */
  async decide(
    manager: EntityManager,
    id: string,
    d: { status: Exclude<ShowcaseStatus, 'submitted'>; by: string; reason: string | null },
  ): Promise<ShowcaseRecord | null> {
    const rows = await modifiedRows<ShowcaseRaw>(
      manager,
      `UPDATE open_showcase SET status = $2, decided_at = now(), decided_by = $3, refusal_reason = $4
       WHERE id = $1 AND status = 'submitted' RETURNING *`,
      [id, d.status, d.by, d.reason],
    );
    return rows[0] ? toShowcase(rows[0]) : null;
  }

  /** The review queue: showcases in one state, oldest submission first. */
  async listByStatus(manager: EntityManager, status: ShowcaseStatus, limit: number): Promise<ShowcaseRecord[]> {
    const rows: ShowcaseRaw[] = await manager.query(
      'SELECT * FROM open_showcase WHERE status = $1 ORDER BY submitted_at, id LIMIT $2',
      [status, limit],
    );
    return rows.map(toShowcase);
  }

  /** Approved showcases, newest approval first, from after `after`; optionally those using one dataset. */
  async listApproved(
    manager: EntityManager,
    f: { datasetId?: string; after?: KeysetPosition; limit: number },
  ): Promise<ShowcaseRecord[]> {
    const where = ["status = 'approved'"];
    const params: unknown[] = [];
    if (f.datasetId) where.push(`dataset_ids @> ARRAY[$${params.push(f.datasetId)}::uuid]`);
    if (f.after) {
      const at = params.push(f.after.at);
      const id = params.push(f.after.id);
      where.push(`(decided_at, id) < ($${at}::timestamptz, $${id}::uuid)`);
    }
    const rows: ShowcaseRaw[] = await manager.query(
      `SELECT * FROM open_showcase WHERE ${where.join(' AND ')}
       ORDER BY decided_at DESC, id DESC LIMIT $${params.push(f.limit)}`,
      params,
    );
    return rows.map(toShowcase);
  }

  async listOfAccount(manager: EntityManager, accountId: string): Promise<ShowcaseRecord[]> {
    const rows: ShowcaseRaw[] = await manager.query(
      'SELECT * FROM open_showcase WHERE account_id = $1 ORDER BY submitted_at DESC, id DESC',
      [accountId],
    );
    return rows.map(toShowcase);
  }

  /** How many approved showcases use each of the datasets (absent: none). */
  async approvedCounts(manager: EntityManager, datasetIds: readonly string[]): Promise<Map<string, number>> {
    if (datasetIds.length === 0) return new Map();
    const rows: Array<{ dataset_id: string; n: string }> = await manager.query(
      `SELECT d AS dataset_id, count(*) AS n FROM open_showcase, unnest(dataset_ids) AS d
       WHERE status = 'approved' AND dataset_ids && $1::uuid[] AND d = ANY($1::uuid[]) GROUP BY d`,
      [datasetIds],
    );
    return new Map(rows.map((r) => [r.dataset_id, Number(r.n)]));
  }
}
