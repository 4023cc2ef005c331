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

/** An ancestor's rule for a grade: this node's policy may narrow it, never go beyond it (上限). */
export interface GradeCeiling {
  grade: GradeKey;
  origin: string;
  version: number;
  sharingTypes: SharingType[];
  openTypes: SharingType[];
}

/** What a grade allows here: the node's own rule within every inherited ceiling. */
export interface EffectiveGradeRule {
  grade: GradeKey;
  sharingTypes: SharingType[];
  openTypes: SharingType[];
  ceilings: GradeCeiling[];
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

  /** The inherited rules in force (from `federation.standard.v1`), optionally for one grade. */
  async ceilings(manager: EntityManager, grade?: GradeKey): Promise<GradeCeiling[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT key, origin_node, version, body FROM inherited_standard
        WHERE kind = 'grade-policy' AND action = 'upsert' AND ($1::text IS NULL OR key = $1)
        ORDER BY key, origin_node`,
      [grade ?? null],
    );
    return rows.map((r) => {
      const body = r['body'] as { sharingTypes: SharingType[]; openTypes: SharingType[] };
      return {
        grade: r['key'] as GradeKey,
        origin: r['origin_node'] as string,
        version: r['version'] as number,
        sharingTypes: body.sharingTypes,
        openTypes: body.openTypes,
      };
    });
  }

  /** The effective rule of a grade: the node's own ∩ every inherited one. Null when the grade has no rule. */
  async effective(manager: EntityManager, grade: GradeKey): Promise<EffectiveGradeRule | null> {
    const own = await this.find(manager, grade);
    if (!own) return null;
    return effectiveRule(grade, own, await this.ceilings(manager, grade));
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

/** The node's rule narrowed by each ceiling (the types every one of them allows). */
export function effectiveRule(
  grade: GradeKey,
  own: { sharingTypes: SharingType[]; openTypes: SharingType[] },
  ceilings: GradeCeiling[],
): EffectiveGradeRule {
  const mine = ceilings.filter((c) => c.grade === grade);
  return {
    grade,
    sharingTypes: own.sharingTypes.filter((t) => mine.every((c) => c.sharingTypes.includes(t))),
    openTypes: own.openTypes.filter((t) => mine.every((c) => c.openTypes.includes(t))),
    ceilings: mine,
  };
}
