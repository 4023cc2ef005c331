import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import { ratingSummary, type RatingRecord, type RatingSummary } from './rating.js';

interface RatingRaw {
  dataset_id: string;
  account_id: string;
  score: number;
  rated_at: Date;
}

export function toRating(r: RatingRaw): RatingRecord {
  return {
    datasetId: r.dataset_id,
    accountId: r.account_id,
    score: Number(r.score),
    ratedAt: r.rated_at.toISOString(),
  };
}

/** 评分 as stored: the only writer of `open_dataset_rating`. */
export class RatingRepository {
  /** Records the person's score of the dataset, replacing the one they gave before. */
  async upsert(manager: EntityManager, datasetId: string, accountId: string, score: number): Promise<RatingRecord> {
    const rows: RatingRaw[] = await manager.query(
      `INSERT INTO open_dataset_rating (dataset_id, account_id, score, rated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (dataset_id, account_id) DO UPDATE SET score = EXCLUDED.score, rated_at = EXCLUDED.rated_at
       RETURNING *`,
      [datasetId, accountId, score],
    );
    return toRating(rows[0]!);
  }

  /** The person's score of the dataset, if they gave one. */
  async find(manager: EntityManager, datasetId: string, accountId: string): Promise<RatingRecord | null> {
    const rows: RatingRaw[] = await manager.query(
      'SELECT * FROM open_dataset_rating WHERE dataset_id = $1 AND account_id = $2',
      [datasetId, accountId],
    );
    return rows[0] ? toRating(rows[0]) : null;
  }

  /** Removes the person's score; false when there was none. */
  async remove(manager: EntityManager, datasetId: string, accountId: string): Promise<boolean> {
    const rows = await modifiedRows(
      manager,
      'DELETE FROM open_dataset_rating WHERE dataset_id = $1 AND account_id = $2 RETURNING dataset_id',
      [datasetId, accountId],
    );
    return rows.length > 0;
  }

  /** Each dataset's average and count (absent: no ratings). */
  async summaries(manager: EntityManager, datasetIds: readonly string[]): Promise<Map<string, RatingSummary>> {
    if (datasetIds.length === 0) return new Map();
    const rows: Array<{ dataset_id: string; total: string; n: string }> = await manager.query(
      `SELECT dataset_id, sum(score) AS total, count(*) AS n FROM open_dataset_rating
       WHERE dataset_id = ANY($1::uuid[]) GROUP BY dataset_id`,
      [datasetIds],
    );
    return new Map(rows.map((r) => [r.dataset_id, ratingSummary(Number(r.total), Number(r.n))]));
  }
}
