import type { EntityManager } from 'typeorm';
import type { GradeCategory, SharingType } from '../entries/entry-content.js';

/** `core`, `important`, or `general-<level>`. */
export type GradeKey = 'core' | 'important' | `general-${1 | 2 | 3 | 4}`;
export const GRADE_KEYS: readonly GradeKey[] = [
  'core',
  'important',
  'general-1',
  'general-2',
  'general-3',
  'general-4',
];

export interface GradePolicyRule {
  grade: GradeKey;
  sharingTypes: SharingType[];
  openTypes: SharingType[];
  updatedBy: string;
  updatedAt: string;
}

export function gradeKey(grade: { category: GradeCategory; level?: number }): GradeKey {
  return grade.category === 'general' ? (`general-${grade.level ?? 4}` as GradeKey) : grade.category;
}

/** The node's grade → sharing/opening policy. */
export class GradePolicyRepository {
  async all(manager: EntityManager): Promise<GradePolicyRule[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT grade, sharing_types, open_types, updated_by, updated_at FROM grade_policy
       ORDER BY array_position(ARRAY['core','important','general-1','general-2','general-3','general-4'], grade)`,
    );
    return rows.map((r) => ({
      grade: r['grade'] as GradeKey,
      sharingTypes: r['sharing_types'] as SharingType[],
      openTypes: r['open_types'] as SharingType[],
      updatedBy: r['updated_by'] as string,
      updatedAt: (r['updated_at'] as Date).toISOString(),
    }));
  }

  async find(
    manager: EntityManager,
    grade: GradeKey,
  ): Promise<{ sharingTypes: SharingType[]; openTypes: SharingType[] } | null> {
    const rows: Array<{ sharing_types: SharingType[]; open_types: SharingType[] }> = await manager.query(
      'SELECT sharing_types, open_types FROM grade_policy WHERE grade = $1',
      [grade],
    );
    return rows[0] ? { sharingTypes: rows[0].sharing_types, openTypes: rows[0].open_types } : null;
  }

  async replace(
    manager: EntityManager,
    rules: Array<{ grade: GradeKey; sharingTypes: SharingType[]; openTypes: SharingType[] }>,
    updatedBy: string,
  ): Promise<void> {
    for (const rule of rules) {
      await manager.query(
        `UPDATE grade_policy SET sharing_types = $2, open_types = $3, updated_by = $4, updated_at = now() WHERE grade = $1`,
        [rule.grade, rule.sharingTypes, rule.openTypes, updatedBy],
      );
    }
  }
}
