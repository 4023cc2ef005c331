import type { EntityManager } from 'typeorm';

/** One node of the 目錄分類 code table: 類 (level 1), 項 (2), 目 (3), 細目 (4). */
export interface Classification {
  code: string;
  parentCode: string | null;
  level: number;
  name: string;
  nameEn: string | null;
  /** `national` codes come from the national standard; `node` codes were added by this node. */
  origin: 'national' | 'node';
}

export class ClassificationRepository {
  async all(manager: EntityManager): Promise<Classification[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      'SELECT code, parent_code, level, name, name_en, origin FROM classification ORDER BY code',
    );
    return rows.map(toClassification);
  }

  async find(manager: EntityManager, code: string): Promise<Classification | null> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      'SELECT code, parent_code, level, name, name_en, origin FROM classification WHERE code = $1',
      [code],
    );
    return rows[0] ? toClassification(rows[0]) : null;
  }

  async insert(manager: EntityManager, c: Omit<Classification, 'origin'>): Promise<void> {
    await manager.query(
      `INSERT INTO classification (code, parent_code, level, name, name_en, origin) VALUES ($1, $2, $3, $4, $5, 'node')`,
      [c.code, c.parentCode, c.level, c.name, c.nameEn],
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
    origin: r['origin'] as 'national' | 'node',
  };
}
