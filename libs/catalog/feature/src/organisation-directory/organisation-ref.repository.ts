import type { OrganisationEventV1 } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';

export interface OrganisationRef {
  id: string;
  nodeCode: string;
  name: string;
  uscc: string;
  regionCode: string;
  kind: string;
  parentId: string | null;
  version: number;
  active: boolean;
}

/** Queries on the catalog's organisation projection. */
export class OrganisationRefRepository {
  /** Applies an organisation event; an older or equal version never overwrites a newer one. */
  async apply(manager: EntityManager, event: OrganisationEventV1): Promise<void> {
    const o = event.organisation;
    await manager.query(
      `INSERT INTO organisation_ref (id, node_code, name, uscc, region_code, kind, parent_id, version, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET node_code = EXCLUDED.node_code, name = EXCLUDED.name, uscc = EXCLUDED.uscc,
         region_code = EXCLUDED.region_code, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id,
         version = EXCLUDED.version, active = EXCLUDED.active, updated_at = now()
       WHERE organisation_ref.version < EXCLUDED.version`,
      [o.id, o.nodeCode, o.name, o.uscc, o.regionCode, o.kind, o.parentId, o.version, event.action !== 'deactivated'],
    );
  }

  async find(manager: EntityManager, id: string): Promise<OrganisationRef | null> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${COLUMNS} FROM organisation_ref WHERE id = $1`,
      [id],
    );
    return rows[0] ? toOrganisationRef(rows[0]) : null;
  }

  /** Active providers of a node, by name (zh-CN collation order is the database's). */
  async listActive(manager: EntityManager, nodeCode: string): Promise<OrganisationRef[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${COLUMNS} FROM organisation_ref WHERE node_code = $1 AND active ORDER BY name, id`,
      [nodeCode],
    );
    return rows.map(toOrganisationRef);
  }
}

const COLUMNS = 'id, node_code, name, uscc, region_code, kind, parent_id, version, active';

function toOrganisationRef(row: Record<string, unknown>): OrganisationRef {
  return {
    id: row['id'] as string,
    nodeCode: row['node_code'] as string,
    name: row['name'] as string,
    uscc: row['uscc'] as string,
    regionCode: row['region_code'] as string,
    kind: row['kind'] as string,
    parentId: (row['parent_id'] as string | null) ?? null,
    version: row['version'] as number,
    active: row['active'] as boolean,
  };
}
