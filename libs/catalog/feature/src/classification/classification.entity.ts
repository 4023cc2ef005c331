import { EntitySchema } from 'typeorm';
import type { Classification } from './classification.repository.js';

/**
 * One row of `classification` (migrations CreateCatalogEntries1763900000000 and
 * CreateStandards1765100000000): a code of the 目录分类 table.
 */
export interface ClassificationRow {
  code: string;
  parentCode: string | null;
  level: number;
  name: string;
  nameEn: string | null;
  origin: Classification['origin'];
  inheritedFrom: string | null;
  withdrawnAt: Date | null;
  createdAt: Date;
}

/** `classification`, mapped column by column; the migrations stay the schema's source. */
export const ClassificationEntity = new EntitySchema<ClassificationRow>({
  name: 'Classification',
  tableName: 'classification',
  columns: {
    code: { name: 'code', type: 'text', primary: true },
    parentCode: { name: 'parent_code', type: 'text', nullable: true },
    level: { name: 'level', type: 'smallint' },
    name: { name: 'name', type: 'text' },
    nameEn: { name: 'name_en', type: 'text', nullable: true },
    origin: { name: 'origin', type: 'text' },
    inheritedFrom: { name: 'inherited_from', type: 'text', nullable: true },
    withdrawnAt: { name: 'withdrawn_at', type: 'timestamptz', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});

export function toClassification(row: ClassificationRow): Classification {
  return {
    code: row.code,
    parentCode: row.parentCode ?? null,
    level: row.level,
    name: row.name,
    nameEn: row.nameEn ?? null,
    origin: row.origin,
    inheritedFrom: row.inheritedFrom ?? null,
    withdrawnAt: row.withdrawnAt ? row.withdrawnAt.toISOString() : null,
  };
}
