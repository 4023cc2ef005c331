import { Injectable } from '@nestjs/common';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';
import { dataGrade, type DataGrade } from '../policy/masking-policy.js';

/** 信息项 of an entry as the exchange needs it: name, data type and data element (for masking). */
export interface EntryItemRef {
  name: string;
  dataType?: string;
  dataElement?: string;
}

/** A catalog entry the exchange may serve: owner, status, grade and items (its published version's). */
export interface EntryRef {
  id: string;
  code: string;
  nodeCode: string;
  organisationId: string;
  name: string;
  status: string;
  /** null while no version with a grade has been seen: calls are then masked as core data. */
  grade: DataGrade | null;
  items: EntryItemRef[];
  /** 共享类型 of the published version (null before one is seen). */
  sharingType: 'unconditional' | 'conditional' | 'none' | null;
}

/** An `entry_ref` row as pg returns it (the columns the exchange reads). */
export interface EntryRefRaw {
  id: string;
  code: string;
  node_code: string;
  organisation_id: string;
  name: string;
  status: string;
  grade_category: 'core' | 'important' | 'general' | null;
  grade_level: number | null;
  items: EntryItemRef[];
  sharing_type: 'unconditional' | 'conditional' | 'none' | null;
}

/**
 * 目录投影 — the node's catalog entries as `catalog.entry.v1` reports them. The grade and items
 * follow the published version; a draft revision changes only the status until it is published.
 */
@Injectable()
export class EntryRefRepository {
  async apply(manager: EntityManager, event: CatalogEntryEventV1): Promise<void> {
    const { entry, version } = event;
    const content = version.content;
    const grade = asGrade(content['grade']);
    const items = asItems(content['items']);
    const name = typeof content['name'] === 'string' ? content['name'] : entry.code;
    const sharingType = asSharingType(content['sharing']);
    // Content counts when it is (or was) what readers see, or when nothing was published yet.
    const published = version.state === 'published' || version.state === 'superseded';
    await manager.query(
      `INSERT INTO entry_ref (id, code, node_code, organisation_id, name, status, grade_category, grade_level, items, sequence, sharing_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $12)
       ON CONFLICT (id) DO UPDATE SET
         code = EXCLUDED.code, organisation_id = EXCLUDED.organisation_id, status = EXCLUDED.status,
         sequence = EXCLUDED.sequence, updated_at = now(),
         name = CASE WHEN $11 OR entry_ref.status <> 'published' THEN EXCLUDED.name ELSE entry_ref.name END,
         grade_category = CASE WHEN $11 OR entry_ref.status <> 'published' THEN EXCLUDED.grade_category ELSE entry_ref.grade_category END,
         grade_level = CASE WHEN $11 OR entry_ref.status <> 'published' THEN EXCLUDED.grade_level ELSE entry_ref.grade_level END,
         items = CASE WHEN $11 OR entry_ref.status <> 'published' THEN EXCLUDED.items ELSE entry_ref.items END,
         sharing_type = CASE WHEN $11 OR entry_ref.status <> 'published' THEN EXCLUDED.sharing_type ELSE entry_ref.sharing_type END
       WHERE entry_ref.sequence < EXCLUDED.sequence`,
      [
        entry.id,
        entry.code,
        entry.nodeCode,
        entry.organisationId,
        name,
        entry.status,
        grade?.category ?? null,
        grade?.level ?? null,
        JSON.stringify(items),
        event.sequence,
        published,
        sharingType,
      ],
    );
  }

  async find(manager: EntityManager, id: string): Promise<EntryRef | null> {
    const rows: EntryRefRaw[] = await manager.query('SELECT * FROM entry_ref WHERE id = $1', [id]);
    return rows[0] ? toEntryRef(rows[0]) : null;
  }
}

/** The entry of a row; the only place its columns become fields. */
export function toEntryRef(row: EntryRefRaw): EntryRef {
  return {
    id: row.id,
    code: row.code,
    nodeCode: row.node_code,
    organisationId: row.organisation_id,
    name: row.name,
    status: row.status,
    grade:
      row.grade_category === null
        ? null
        : dataGrade(row.grade_category, row.grade_level === null ? undefined : row.grade_level),
    items: row.items,
    sharingType: row.sharing_type,
  };
}

function asSharingType(value: unknown): EntryRef['sharingType'] {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'unconditional' || type === 'conditional' || type === 'none' ? type : null;
}

function asGrade(value: unknown): { category: 'core' | 'important' | 'general'; level: number | null } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { category, level } = value as { category?: unknown; level?: unknown };
  if (category === 'core' || category === 'important') return { category, level: null };
  if (category === 'general' && typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 4) {
    return { category, level };
  }
  return null;
}

function asItems(value: unknown): EntryItemRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): EntryItemRef[] => {
    if (typeof item !== 'object' || item === null || typeof (item as { name?: unknown }).name !== 'string') return [];
    const { name, dataType, dataElement } = item as { name: string; dataType?: unknown; dataElement?: unknown };
    return [
      {
        name,
        ...(typeof dataType === 'string' ? { dataType } : {}),
        ...(typeof dataElement === 'string' && dataElement !== '' ? { dataElement } : {}),
      },
    ];
  });
}
