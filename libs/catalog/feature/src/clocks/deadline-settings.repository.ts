import type { EntityManager } from 'typeorm';
import { DeadlineSettingsEntity, type DeadlineSettingsRecord } from './deadline-settings.entity.js';
import type { DeadlineSettings } from './deadline-settings.js';

export type StoredDeadlineSettings = DeadlineSettingsRecord;

/** A node's deadline settings (时限设置): the only writer of `deadline_settings`. */
export class DeadlineSettingsRepository {
  async find(manager: EntityManager, nodeCode: string): Promise<StoredDeadlineSettings | null> {
    return manager.getRepository(DeadlineSettingsEntity).findOneBy({ nodeCode });
  }

  /** Stores the node's settings; with `onlyIfAbsent` a node's own choice is never overwritten. */
  async save(
    manager: EntityManager,
    nodeCode: string,
    settings: DeadlineSettings,
    updatedBy: string,
    onlyIfAbsent = false,
  ): Promise<boolean> {
    const insert = manager
      .createQueryBuilder()
      .insert()
      .into(DeadlineSettingsEntity)
      .values({
        nodeCode,
        registrationDays: settings.registrationDays,
        updateDays: settings.updateDays,
        reviewDays: settings.reviewDays,
        annualReviewDays: settings.annualReviewDays,
        updatedBy,
        updatedAt: () => 'now()',
      })
      .returning('node_code')
      .updateEntity(false);
    const result = await (
      onlyIfAbsent
        ? insert.orIgnore()
        : insert.orUpdate(
            ['registration_days', 'update_days', 'review_days', 'annual_review_days', 'updated_by', 'updated_at'],
            ['node_code'],
          )
    ).execute();
    // The row comes back when it was stored: never for a seed that found the node's own settings.
    const stored: unknown[] = result.raw;
    return stored.length > 0;
  }
}
