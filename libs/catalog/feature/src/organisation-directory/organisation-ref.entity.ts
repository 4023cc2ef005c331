import { EntitySchema } from 'typeorm';
import type { OrganisationRef } from './organisation-ref.repository.js';

/** One row of `organisation_ref` (migration CreateOrganisationRef1763856100000): the catalog's copy of an organisation. */
export interface OrganisationRefRow {
  id: string;
  nodeCode: string;
  name: string;
  uscc: string;
  regionCode: string;
  kind: string;
  parentId: string | null;
  version: number;
  active: boolean;
  updatedAt: Date;
}

/** `organisation_ref`, mapped column by column; the migration stays the schema's source. */
export const OrganisationRefEntity = new EntitySchema<OrganisationRefRow>({
  name: 'CatalogOrganisationRef',
  tableName: 'organisation_ref',
  columns: {
    id: { name: 'id', type: 'uuid', primary: true },
    nodeCode: { name: 'node_code', type: 'text' },
    name: { name: 'name', type: 'text' },
    uscc: { name: 'uscc', type: 'text' },
    regionCode: { name: 'region_code', type: 'text' },
    kind: { name: 'kind', type: 'text' },
    parentId: { name: 'parent_id', type: 'uuid', nullable: true },
    version: { name: 'version', type: 'integer' },
    active: { name: 'active', type: 'boolean' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

export function toOrganisationRef(row: OrganisationRefRow): OrganisationRef {
  return {
    id: row.id,
    nodeCode: row.nodeCode,
    name: row.name,
    uscc: row.uscc,
    regionCode: row.regionCode,
    kind: row.kind,
    parentId: row.parentId ?? null,
    version: row.version,
    active: row.active,
  };
}
