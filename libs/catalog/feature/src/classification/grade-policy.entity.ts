import { EntitySchema } from 'typeorm';
import type { SharingType } from '../entries/entry-content.js';
import type { GradeKey, GradePolicyRule } from './grade-policy.repository.js';

/** One row of `grade_policy` (migration CreateGradePolicy1763900500000): what a grade allows. */
export interface GradePolicyRow {
  grade: GradeKey;
  sharingTypes: SharingType[];
  openTypes: SharingType[];
  updatedBy: string;
  updatedAt: Date;
}

/** `grade_policy`, mapped column by column; the migration stays the schema's source. */
export const GradePolicyEntity = new EntitySchema<GradePolicyRow>({
  name: 'GradePolicy',
  tableName: 'grade_policy',
  columns: {
    grade: { name: 'grade', type: 'text', primary: true },
    sharingTypes: { name: 'sharing_types', type: 'text', array: true },
    openTypes: { name: 'open_types', type: 'text', array: true },
    updatedBy: { name: 'updated_by', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

export function toGradePolicyRule(row: GradePolicyRow): GradePolicyRule {
  return {
    grade: row.grade,
    sharingTypes: row.sharingTypes,
    openTypes: row.openTypes,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
