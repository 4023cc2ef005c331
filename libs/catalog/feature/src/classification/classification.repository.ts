import type { EntityManager } from 'typeorm';

/** One node of the 目录分类 code table: 类 (level 1), 项 (2), 目 (3), 细目 (4). */
export interface Classification {
  code: string;
  parentCode: string | null;
  level: number;
  name: string;
  nameEn: string | null;
  /**
   * `national` codes come with the platform (the national standard), `node` codes were added by this
   * node, `inherited` ones were issued by an ancestor node (`inheritedFrom`) and are read-only here.
   */
  origin: 'national' | 'node' | 'inherited';
  inheritedFrom: string | null;
  /** Withdrawn by the issuing node: entries filed under it keep it, no new entry may use it. */
  withdrawnAt: string | null;
}

/** The content a classification standard carries. */
export type ClassificationContent = Pick<Classification, 'code' | 'parentCode' | 'level' | 'name' | 'nameEn'>;

const COLUMNS = 'code, parent_code, level, name, name_en, origin, inherited_from, withdrawn_at';

export class ClassificationRepository {
  async all(manager: EntityManager): Promise<Classification[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${COLUMNS} FROM classification ORDER BY code`,
    );
    return rows.map(toClassification);
  }

  async find(manager: EntityManager, code: string): Promise<Classification | null> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${COLUMNS} FROM classification WHERE code = $1`,
      [code],
    );
    return rows[0] ? toClassification(rows[0]) : null;
  }

  async insert(manager: EntityManager, c: ClassificationContent): Promise<void> {
    await manager.query(
      `INSERT INTO classification (code, parent_code, level, name, name_en, origin) VALUES ($1, $2, $3, $4, $5, 'node')`,
      [c.code, c.parentCode, c.level, c.name, c.nameEn],
    );
  }

  async rename(manager: EntityManager, code: string, names: { name: string; nameEn: string | null }): Promise<void> {
    await manager.query('UPDATE classification SET name = $2, name_en = $3 WHERE code = $1', [
      code,
      names.name,
      names.nameEn,
    ]);
  }

  /** Makes the code the ancestor's: inserted, or replacing what this node had under the code. */
  async upsertInherited(manager: EntityManager, c: ClassificationContent, origin: string): Promise<void> {
    await manager.query(
      `INSERT INTO classification (code, parent_code, level, name, name_en, origin, inherited_from)
       VALUES ($1, $2, $3, $4, $5, 'inherited', $6)
       ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code, level = EXCLUDED.level,
              name = EXCLUDED.name, name_en = EXCLUDED.name_en, origin = 'inherited',
              inherited_from = EXCLUDED.inherited_from, withdrawn_at = NULL`,
      [c.code, c.parentCode, c.level, c.name, c.nameEn, origin],
    );
  }

  async withdraw(manager: EntityManager, code: string): Promise<void> {
    await manager.query(
      'UPDATE classification SET withdrawn_at = clock_timestamp() WHERE code = $1 AND withdrawn_at IS NULL',
      [code],
    );
  }
}

function toClassification(r: Record<string, unknown>): Classification {
  return {
    code: r['code'] as string,
    parentCode: (r['parent_code'] as string | null) ?? null,
    level: r['level'] as number,
    name: r['name'] as string,
    nameEn: (r['name_en'] as string | null) ?? null,
    origin: r['origin'] as Classification['origin'],
    inheritedFrom: (r['inherited_from'] as string | null) ?? null,
    withdrawnAt: r['withdrawn_at'] ? (r['withdrawn_at'] as Date).toISOString() : null,
  };
}

/** The standard's content of a stored code. */
export function classificationContent(c: ClassificationContent): ClassificationContent {
  return { code: c.code, parentCode: c.parentCode, level: c.level, name: c.name, nameEn: c.nameEn };
}
