import { EntitySchema } from 'typeorm';
import type { ConstructionLevel, Deployment, InformationSystem, SystemStatus } from './information-system.js';

/** One row of `information_system` (migration CreateSystemsMountsSources1763900300000). */
export interface InformationSystemRow {
  id: string;
  nodeCode: string;
  organisationId: string;
  name: string;
  /** The name as compared ({@link systemNameKey}); unique per organisation. */
  nameKey: string;
  description: string | null;
  constructionLevel: ConstructionLevel;
  constructionDepartment: string;
  deployment: Deployment;
  deploymentDetail: string | null;
  status: SystemStatus;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

/** `information_system`, mapped column by column; the migration stays the schema's source. */
export const InformationSystemEntity = new EntitySchema<InformationSystemRow>({
  name: 'CatalogInformationSystem',
  tableName: 'information_system',
  columns: {
    id: { name: 'id', type: 'uuid', primary: true },
    nodeCode: { name: 'node_code', type: 'text' },
    organisationId: { name: 'organisation_id', type: 'uuid' },
    name: { name: 'name', type: 'text' },
    nameKey: { name: 'name_key', type: 'text' },
    description: { name: 'description', type: 'text', nullable: true },
    constructionLevel: { name: 'construction_level', type: 'text' },
    constructionDepartment: { name: 'construction_department', type: 'text' },
    deployment: { name: 'deployment', type: 'text' },
    deploymentDetail: { name: 'deployment_detail', type: 'text', nullable: true },
    status: { name: 'status', type: 'text' },
    contactName: { name: 'contact_name', type: 'text' },
    contactPhone: { name: 'contact_phone', type: 'text' },
    contactEmail: { name: 'contact_email', type: 'text', nullable: true },
    version: { name: 'version', type: 'integer' },
    createdBy: { name: 'created_by', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedBy: { name: 'updated_by', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

export function toInformationSystem(row: InformationSystemRow): InformationSystem {
  return {
    id: row.id,
    nodeCode: row.nodeCode,
    organisationId: row.organisationId,
    name: row.name,
    description: row.description ?? null,
    constructionLevel: row.constructionLevel,
    constructionDepartment: row.constructionDepartment,
    deployment: row.deployment,
    deploymentDetail: row.deploymentDetail ?? null,
    status: row.status,
    contact: { name: row.contactName, phone: row.contactPhone, email: row.contactEmail ?? null },
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
