import type { OrganisationEventV1 } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';

export interface OrganisationRef {
  id: string;
  nodeCode: string;
  name: string;
  active: boolean;
}

/** A row of `organisation_ref` as `find` selects it. */
export interface OrganisationRefRow {
  id: string;
  node_code: string;
  name: string;
  active: boolean;
}

/** The demand service's view of the node's organisations (applicants and providers), from identity events. */
export class OrganisationRefRepository {
  /** Applies an organisation event; an older or equal version never overwrites a newer one. */
  async apply(manager: EntityManager, event: OrganisationEventV1): Promise<void> {
    const o = event.organisation;
    await manager.query(
      `INSERT INTO organisation_ref (id, node_code, name, version, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (id) DO UPDATE SET node_code = EXCLUDED.node_code, name = EXCLUDED.name,
         version = EXCLUDED.version, active = EXCLUDED.active, updated_at = now()
       WHERE organisation_ref.version < EXCLUDED.version`,
      [o.id, o.nodeCode, o.name, o.version, event.action !== 'deactivated'],
    );
  }

  async find(manager: EntityManager, id: string): Promise<OrganisationRef | null> {
    const rows: OrganisationRefRow[] = await manager.query(
      'SELECT id, node_code, name, active FROM organisation_ref WHERE id = $1',
      [id],
    );
    return rows[0] ? toOrganisationRef(rows[0]) : null;
  }
}

/** An `organisation_ref` row as the organisation it stands for. */
export function toOrganisationRef(row: OrganisationRefRow): OrganisationRef {
  return { id: row.id, nodeCode: row.node_code, name: row.name, active: row.active };
}
