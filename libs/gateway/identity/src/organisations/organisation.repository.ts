import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pageKeySql, toPage, type Page, type PagePosition } from '../paging/cursor.js';
import type { Organisation, OrganisationKind } from './organisation.js';

/** An `organisation` row as the repository's queries return it (COLUMNS). */
export interface OrganisationRow {
  id: string;
  node_code: string;
  name: string;
  uscc: string;
  region_code: string;
  kind: OrganisationKind;
  parent_id: string | null;
  is_root: boolean;
  authority: boolean;
  version: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  page_key: string;
}

const COLUMNS = `id, node_code, name, uscc, region_code, kind, parent_id, is_root, authority, version, active, created_at, updated_at, ${pageKeySql()} AS page_key`;

export interface NewOrganisation {
  nodeCode: string;
  name: string;
  uscc: string;
  regionCode: string;
  kind: OrganisationKind;
  parentId: string | null;
  isRoot?: boolean;
  /** Defaults to isRoot: the root organisation is always an authority organisation. */
  authority?: boolean;
}

export type OrganisationChanges = Partial<
  Pick<Organisation, 'name' | 'uscc' | 'regionCode' | 'kind' | 'parentId' | 'active' | 'authority'>
>;

/** Queries on the node's organisations. Every query names the node it is about. */
@Injectable()
export class OrganisationRepository {
  async findById(
    manager: EntityManager,
    nodeCode: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Organisation | undefined> {
    const rows: OrganisationRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM organisation WHERE node_code = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [nodeCode, id],
    );
    return rows[0] && toOrganisation(rows[0]);
  }

  async findRoot(manager: EntityManager, nodeCode: string): Promise<Organisation | undefined> {
    const rows: OrganisationRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM organisation WHERE node_code = $1 AND is_root`,
      [nodeCode],
    );
    return rows[0] && toOrganisation(rows[0]);
  }

  async findByUscc(manager: EntityManager, nodeCode: string, uscc: string): Promise<Organisation | undefined> {
    const rows: OrganisationRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM organisation WHERE node_code = $1 AND uscc = $2`,
      [nodeCode, uscc],
    );
    return rows[0] && toOrganisation(rows[0]);
  }

  async insert(manager: EntityManager, o: NewOrganisation): Promise<Organisation> {
    const rows: OrganisationRow[] = await manager.query(
      `INSERT INTO organisation (node_code, name, uscc, region_code, kind, parent_id, is_root, authority)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        o.nodeCode,
        o.name,
        o.uscc,
        o.regionCode,
        o.kind,
        o.parentId,
        o.isRoot ?? false,
        o.authority ?? o.isRoot ?? false,
      ],
    );
    return toOrganisation(rows[0]!);
  }

  /** Applies changes and bumps the version by one. */
  async update(
    manager: EntityManager,
    nodeCode: string,
    id: string,
    changes: OrganisationChanges,
  ): Promise<Organisation> {
    const columns: Record<keyof OrganisationChanges, string> = {
      name: 'name',
      uscc: 'uscc',
      regionCode: 'region_code',
      kind: 'kind',
      parentId: 'parent_id',
      active: 'active',
      authority: 'authority',
    };
    const sets: string[] = [];
    const values: unknown[] = [nodeCode, id];
    for (const [key, column] of Object.entries(columns) as Array<[keyof OrganisationChanges, string]>) {
      if (changes[key] === undefined) continue;
      values.push(changes[key]);
      sets.push(`${column} = $${values.length}`);
    }
    const rows: [OrganisationRow[], number] = await manager.query(
      `UPDATE organisation SET ${[...sets, 'version = version + 1', 'updated_at = clock_timestamp()'].join(', ')}
       WHERE node_code = $1 AND id = $2 RETURNING ${COLUMNS}`,
      values,
    );
    return toOrganisation(rows[0][0]!);
  }

  /** Ids of the organisation and all its ancestors (guards against parent cycles). */
  async selfAndAncestorIds(manager: EntityManager, nodeCode: string, id: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `WITH RECURSIVE up (id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM organisation WHERE node_code = $1 AND id = $2
         UNION ALL
         SELECT o.id, o.parent_id, up.depth + 1 FROM organisation o JOIN up ON o.id = up.parent_id WHERE up.depth < 64
       ) SELECT id FROM up`,
      [nodeCode, id],
    );
    return rows.map((r) => r.id);
  }

  /** The node's organisations in creation order, `limit` at a time. */
  async page(
    manager: EntityManager,
    nodeCode: string,
    limit: number,
    after?: PagePosition,
  ): Promise<Page<Organisation>> {
    const rows: OrganisationRow[] = after
      ? await manager.query(
          `SELECT ${COLUMNS} FROM organisation WHERE node_code = $1 AND (created_at, id) > ($2::timestamptz, $3::uuid)
           ORDER BY created_at, id LIMIT $4`,
          [nodeCode, after.createdAt, after.id, limit + 1],
        )
      : await manager.query(
          `SELECT ${COLUMNS} FROM organisation WHERE node_code = $1 ORDER BY created_at, id LIMIT $2`,
          [nodeCode, limit + 1],
        );
    return toPage(rows, limit, toOrganisation);
  }
}

/** The organisation a row describes. */
export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    nodeCode: row.node_code,
    name: row.name,
    uscc: row.uscc,
    regionCode: row.region_code,
    kind: row.kind,
    parentId: row.parent_id,
    isRoot: row.is_root,
    authority: row.authority,
    version: row.version,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
