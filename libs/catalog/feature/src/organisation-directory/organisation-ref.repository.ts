import type { OrganisationEventV1 } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';
import { OrganisationRefEntity, toOrganisationRef } from './organisation-ref.entity.js';

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

/**
 * The catalog's organisation projection (提供方), the only writer of `organisation_ref`: an upsert
 * that keeps the newest version wins, reads through the entity mapping.
 */
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
    const row = await manager.getRepository(OrganisationRefEntity).findOneBy({ id });
    return row ? toOrganisationRef(row) : null;
  }

  /** Active providers of a node, by name (zh-CN collation order is the database's). */
  async listActive(manager: EntityManager, nodeCode: string): Promise<OrganisationRef[]> {
    const rows = await manager.getRepository(OrganisationRefEntity).find({
      where: { nodeCode, active: true },
      order: { name: 'ASC', id: 'ASC' },
    });
    return rows.map(toOrganisationRef);
  }
}
