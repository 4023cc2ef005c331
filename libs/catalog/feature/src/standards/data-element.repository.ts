import type { StandardBodies } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';
import type { DataElementQuery } from './data-element.dto.js';
import { modifiedRows } from '@govdata/platform-persistence';
import { comparableName } from '@govdata/text';

/** The content a data element standard carries. */
export type DataElementContent = StandardBodies['data-element'];

/** 数据元 — one element of the node's data element registry. */
export interface DataElement extends DataElementContent {
  /** Issued by this ancestor node and read-only here; null for the node's own. */
  inheritedFrom: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

const COLUMNS = `identifier, name, name_en, definition, data_type, length, value_domain, inherited_from,
  created_by, created_at, updated_by, updated_at`;

/** The data element registry, the only writer of `data_element`. */
export class DataElementRepository {
  async search(manager: EntityManager, query: DataElementQuery): Promise<{ items: DataElement[]; total: number }> {
    // The name is looked up by its folded key, so a name typed in either script finds it.
    const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = `($1::text IS NULL OR identifier ILIKE $1 OR name_key LIKE $2 OR name_en ILIKE $1)
      AND ($3::text IS NULL OR data_type = $3)
      AND ($4::text IS NULL OR (inherited_from IS NULL) = ($4 = 'local'))`;
    const params = [
      query.q ? like(query.q) : null,
      query.q ? like(comparableName(query.q)) : null,
      query.dataType ?? null,
      query.source ?? null,
    ];
    const rows: DataElementRaw[] = await manager.query(
      `SELECT ${COLUMNS} FROM data_element WHERE ${where} ORDER BY identifier LIMIT $5 OFFSET $6`,
      [...params, query.limit, query.offset],
    );
    const count: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM data_element WHERE ${where}`,
      params,
    );
    return { items: rows.map(toDataElement), total: count[0]!.n };
  }

  async find(manager: EntityManager, identifier: string, lock = false): Promise<DataElement | null> {
    const rows: DataElementRaw[] = await manager.query(
      `SELECT ${COLUMNS} FROM data_element WHERE identifier = $1${lock ? ' FOR UPDATE' : ''}`,
      [identifier],
    );
    return rows[0] ? toDataElement(rows[0]) : null;
  }

  /** Inserts the node's own element; false when the identifier is taken. */
  async insert(manager: EntityManager, e: DataElementContent, by: string): Promise<boolean> {
    const rows: Array<{ identifier: string }> = await manager.query(
      `INSERT INTO data_element (identifier, name, name_en, definition, data_type, length, value_domain, created_by, updated_by,
                                 name_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) ON CONFLICT (identifier) DO NOTHING RETURNING identifier`,
      [e.identifier, e.name, e.nameEn, e.definition, e.dataType, e.length, e.valueDomain, by, comparableName(e.name)],
    );
    return rows.length > 0;
  }

  async update(manager: EntityManager, e: DataElementContent, by: string): Promise<void> {
    await manager.query(
      `UPDATE data_element SET name = $2, name_en = $3, definition = $4, data_type = $5, length = $6,
              value_domain = $7, updated_by = $8, updated_at = clock_timestamp(), name_key = $9
        WHERE identifier = $1`,
      [e.identifier, e.name, e.nameEn, e.definition, e.dataType, e.length, e.valueDomain, by, comparableName(e.name)],
    );
  }

  /** Makes the element the ancestor's: inserted, or replacing what this node had under the identifier. */
  async upsertInherited(manager: EntityManager, e: DataElementContent, origin: string): Promise<void> {
    await manager.query(
      `INSERT INTO data_element (identifier, name, name_en, definition, data_type, length, value_domain, inherited_from,
                                 created_by, updated_by, name_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
       ON CONFLICT (identifier) DO UPDATE SET name = EXCLUDED.name, name_key = EXCLUDED.name_key, name_en = EXCLUDED.name_en,
              definition = EXCLUDED.definition, data_type = EXCLUDED.data_type, length = EXCLUDED.length,
              value_domain = EXCLUDED.value_domain, inherited_from = EXCLUDED.inherited_from,
              updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()`,
      [
        e.identifier,
        e.name,
        e.nameEn,
        e.definition,
        e.dataType,
        e.length,
        e.valueDomain,
        origin,
        `node:${origin}`,
        comparableName(e.name),
      ],
    );
  }

  /** Removes the element; with `inheritedFrom`, only when that node issued it. */
  async remove(manager: EntityManager, identifier: string, inheritedFrom: string | null): Promise<boolean> {
    const rows = await modifiedRows(
      manager,
      `DELETE FROM data_element WHERE identifier = $1 AND inherited_from IS NOT DISTINCT FROM $2 RETURNING identifier`,
      [identifier, inheritedFrom],
    );
    return rows.length > 0;
  }
}

/** The standard's content of an element. */
export function dataElementContent(e: DataElementContent): DataElementContent {
  return {
    identifier: e.identifier,
    name: e.name,
    nameEn: e.nameEn,
    definition: e.definition,
    dataType: e.dataType,
    length: e.length,
    valueDomain: e.valueDomain,
  };
}

/** A `data_element` row as {@link COLUMNS} selects it. */
export interface DataElementRaw {
  identifier: string;
  name: string;
  name_en: string | null;
  definition: string;
  data_type: DataElementContent['dataType'];
  length: number | null;
  value_domain: string | null;
  inherited_from: string | null;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

export function toDataElement(r: DataElementRaw): DataElement {
  return {
    identifier: r.identifier,
    name: r.name,
    nameEn: r.name_en ?? null,
    definition: r.definition,
    dataType: r.data_type,
    length: r.length ?? null,
    valueDomain: r.value_domain ?? null,
    inheritedFrom: r.inherited_from ?? null,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at.toISOString(),
  };
}
