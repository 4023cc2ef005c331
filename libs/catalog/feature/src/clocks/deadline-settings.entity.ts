import { EntitySchema } from 'typeorm';
import type { DeadlineSettings } from './deadline-settings.js';

/** One row of `deadline_settings` (migration CreateClocks1763900400000): a node's working-day allowances. */
export interface DeadlineSettingsRecord extends DeadlineSettings {
  nodeCode: string;
  updatedBy: string;
  updatedAt: Date;
}

/** `deadline_settings`, mapped column by column; the migration stays the schema's source. */
export const DeadlineSettingsEntity = new EntitySchema<DeadlineSettingsRecord>({
  name: 'DeadlineSettings',
  tableName: 'deadline_settings',
  columns: {
    nodeCode: { name: 'node_code', type: 'text', primary: true },
    registrationDays: { name: 'registration_days', type: 'integer' },
    updateDays: { name: 'update_days', type: 'integer' },
    reviewDays: { name: 'review_days', type: 'integer' },
    annualReviewDays: { name: 'annual_review_days', type: 'integer' },
    updatedBy: { name: 'updated_by', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
