import type { EntityManager } from 'typeorm';
import type { GradeCategory, SharingType } from '../entries/entry-content.js';
import { GradePolicyEntity, toGradePolicyRule } from './grade-policy.entity.js';

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

/** A `grade-policy` standard inherited from an ancestor, as {@link GradePolicyRepository.ceilings} reads it. */
export interface GradeCeilingRaw {
  key: GradeKey;
  origin_node: string;
  version: number;
  body: { sharingTypes: SharingType[]; openTypes: SharingType[] };
}

export function toGradeCeiling(r: GradeCeilingRaw): GradeCeiling {
  return {
    grade: r.key,
    origin: r.origin_node,
    version: r.version,
    sharingTypes: r.body.sharingTypes,
    openTypes: r.body.openTypes,
  };
}

/** The node's grade → sharing/opening policy, the only writer of `grade_policy`. */
export class GradePolicyRepository {
  /** Every grade's rule, from core to general-4. */
  async all(manager: EntityManager): Promise<GradePolicyRule[]> {
    const rows = await manager.getRepository(GradePolicyEntity).find();
    return rows.sort((a, b) => GRADE_KEYS.indexOf(a.grade) - GRADE_KEYS.indexOf(b.grade)).map(toGradePolicyRule);
  }

  async find(
    manager: EntityManager,
    grade: GradeKey,
  ): Promise<{ sharingTypes: SharingType[]; openTypes: SharingType[] } | null> {
    const row = await manager.getRepository(GradePolicyEntity).findOneBy({ grade });
    return row ? { sharingTypes: row.sharingTypes, openTypes: row.openTypes } : null;
  }

  /** The inherited rules in force (from `federation.standard.v1`; `inherited_standard` is read here), optionally for one grade. */
  async ceilings(manager: EntityManager, grade?: GradeKey): Promise<GradeCeiling[]> {
    const rows: GradeCeilingRaw[] = await manager.query(
      `SELECT key, origin_node, version, body FROM inherited_standard
        WHERE kind = 'grade-policy' AND action = 'upsert' AND ($1::text IS NULL OR key = $1)
        ORDER BY key, origin_node`,
      [grade ?? null],
    );
    return rows.map(toGradeCeiling);
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
      await manager
        .getRepository(GradePolicyEntity)
        .update(
          { grade: rule.grade },
          { sharingTypes: rule.sharingTypes, openTypes: rule.openTypes, updatedBy, updatedAt: () => 'now()' },
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
