import type { EntityManager } from 'typeorm';
import type { DeadlineSettings } from './deadline-settings.js';

type Row = Record<string, unknown>;

export interface StoredDeadlineSettings extends DeadlineSettings {
  nodeCode: string;
  updatedBy: string;
  updatedAt: Date;
}

/** A node's deadline settings (时限设置). */
export class DeadlineSettingsRepository {
  async find(manager: EntityManager, nodeCode: string): Promise<StoredDeadlineSettings | null> {
    const rows: Row[] = await manager.query(
      `SELECT node_code, registration_days, update_days, review_days, annual_review_days, updated_by, updated_at
       FROM deadline_settings WHERE node_code = $1`,
      [nodeCode],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      nodeCode: row['node_code'] as string,
      registrationDays: row['registration_days'] as number,
      updateDays: row['update_days'] as number,
      reviewDays: row['review_days'] as number,
      annualReviewDays: row['annual_review_days'] as number,
      updatedBy: row['updated_by'] as string,
      updatedAt: row['updated_at'] as Date,
    };
  }

  /** Stores the node's settings; with `onlyIfAbsent` a node's own choice is never overwritten. */
  async save(
    manager: EntityManager,
    nodeCode: string,
    settings: DeadlineSettings,
    updatedBy: string,
    onlyIfAbsent = false,
  ): Promise<boolean> {
    const rows: Row[] = await manager.query(
      `INSERT INTO deadline_settings (node_code, registration_days, update_days, review_days, annual_review_days, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (node_code) DO ${
         onlyIfAbsent
           ? 'NOTHING'
           : `UPDATE SET registration_days = EXCLUDED.registration_days, update_days = EXCLUDED.update_days,
              review_days = EXCLUDED.review_days, annual_review_days = EXCLUDED.annual_review_days,
              updated_by = EXCLUDED.updated_by, updated_at = now()`
       }
       RETURNING node_code`,
      [
        nodeCode,
        settings.registrationDays,
        settings.updateDays,
        settings.reviewDays,
        settings.annualReviewDays,
        updatedBy,
      ],
    );
    return rows.length > 0;
  }
}
