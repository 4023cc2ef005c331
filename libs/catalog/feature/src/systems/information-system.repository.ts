import type { EntityManager } from 'typeorm';
import type { ConstructionLevel, Deployment, InformationSystem, SystemStatus } from './information-system.js';

export interface NewInformationSystem {
  nodeCode: string;
  organisationId: string;
  name: string;
  nameKey: string;
  description: string | null;
  constructionLevel: ConstructionLevel;
  constructionDepartment: string;
  deployment: Deployment;
  deploymentDetail: string | null;
  status: SystemStatus;
  contact: { name: string; phone: string; email: string | null };
  actor: string;
}

export type InformationSystemChanges = Partial<Omit<NewInformationSystem, 'nodeCode' | 'organisationId' | 'actor'>>;

/** An entry that names a system (数据—系统), as the system's page lists it. */
export interface SystemEntryRow {
  id: string;
  code: string;
  organisationId: string;
  name: string;
  headState: string;
  publishedVersion: number | null;
  retired: boolean;
  /** The version a reader outside the provider sees: the published one, or the head if none. */
  content: { sharing: { type: string }; grade: { category: string } };
}

/** Queries on the register of government information systems; every query is scoped to a node. */
export class InformationSystemRepository {
  async insert(manager: EntityManager, s: NewInformationSystem): Promise<InformationSystem> {
    const rows: Row[] = await manager.query(
      `INSERT INTO information_system (node_code, organisation_id, name, name_key, description, construction_level,
         construction_department, deployment, deployment_detail, status, contact_name, contact_phone, contact_email,
         created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
       RETURNING ${COLUMNS}`,
      [
        s.nodeCode,
        s.organisationId,
        s.name,
        s.nameKey,
        s.description,
        s.constructionLevel,
        s.constructionDepartment,
        s.deployment,
        s.deploymentDetail,
        s.status,
        s.contact.name,
        s.contact.phone,
        s.contact.email,
        s.actor,
      ],
    );
    return toSystem(rows[0]!);
  }

  async findById(
    manager: EntityManager,
    nodeCode: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<InformationSystem | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM information_system WHERE node_code = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [nodeCode, id],
    );
    return rows[0] ? toSystem(rows[0]) : null;
  }

  async findByNameKey(
    manager: EntityManager,
    organisationId: string,
    nameKey: string,
  ): Promise<InformationSystem | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM information_system WHERE organisation_id = $1 AND name_key = $2`,
      [organisationId, nameKey],
    );
    return rows[0] ? toSystem(rows[0]) : null;
  }

  async list(
    manager: EntityManager,
    nodeCode: string,
    filter: { organisationId?: string; status?: SystemStatus },
  ): Promise<InformationSystem[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM information_system
       WHERE node_code = $1 AND ($2::uuid IS NULL OR organisation_id = $2) AND ($3::text IS NULL OR status = $3)
       ORDER BY organisation_id, name, id`,
      [nodeCode, filter.organisationId ?? null, filter.status ?? null],
    );
    return rows.map(toSystem);
  }

  async update(
    manager: EntityManager,
    nodeCode: string,
    id: string,
    changes: InformationSystemChanges,
    actor: string,
  ): Promise<InformationSystem> {
    const assignments: Array<[string, unknown]> = [];
    const set = (column: string, value: unknown) => {
      if (value !== undefined) assignments.push([column, value]);
    };
    set('name', changes.name);
    set('name_key', changes.nameKey);
    set('description', changes.description);
    set('construction_level', changes.constructionLevel);
    set('construction_department', changes.constructionDepartment);
    set('deployment', changes.deployment);
    set('deployment_detail', changes.deploymentDetail);
    set('status', changes.status);
    if (changes.contact) {
      set('contact_name', changes.contact.name);
      set('contact_phone', changes.contact.phone);
      set('contact_email', changes.contact.email);
    }
    const values: unknown[] = [nodeCode, id, actor, ...assignments.map(([, value]) => value)];
    const sets = assignments.map(([column], i) => `${column} = $${i + 4}`);
    await manager.query(
      `UPDATE information_system SET ${[...sets, 'version = version + 1', 'updated_by = $3', 'updated_at = now()'].join(', ')}
       WHERE node_code = $1 AND id = $2`,
      values,
    );
    return (await this.findById(manager, nodeCode, id))!;
  }

  /**
   * Entries of the system's organisation whose head or published version names the system. The
   * entry hook only accepts systems of the entry's own organisation, so the scan stays within it.
   */
  async entriesNaming(manager: EntityManager, system: InformationSystem): Promise<SystemEntryRow[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT e.id, e.code, e.organisation_id, e.head_state, e.published_version, e.retired_at IS NOT NULL AS retired,
              COALESCE(p.name, h.name) AS name, COALESCE(p.content, h.content) AS content
       FROM catalog_entry e
       JOIN catalog_entry_version h ON h.entry_id = e.id AND h.version = e.head_version
       LEFT JOIN catalog_entry_version p ON p.entry_id = e.id AND p.version = e.published_version
       WHERE e.node_code = $1 AND e.organisation_id = $2
         AND (h.content->>'systemId' = $3 OR p.content->>'systemId' = $3)
       ORDER BY e.code`,
      [system.nodeCode, system.organisationId, system.id],
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      code: r['code'] as string,
      organisationId: r['organisation_id'] as string,
      name: r['name'] as string,
      headState: r['head_state'] as string,
      publishedVersion: (r['published_version'] as number | null) ?? null,
      retired: r['retired'] as boolean,
      content: r['content'] as SystemEntryRow['content'],
    }));
  }

  /** The system named by one version of an entry, or null when it names none. */
  async systemIdOfVersion(manager: EntityManager, entryId: string, version: number): Promise<string | null> {
    const rows: Array<{ system_id: string | null }> = await manager.query(
      `SELECT content->>'systemId' AS system_id FROM catalog_entry_version WHERE entry_id = $1 AND version = $2`,
      [entryId, version],
    );
    return rows[0]?.system_id ?? null;
  }
}

type Row = Record<string, unknown>;

const COLUMNS = `id, node_code, organisation_id, name, description, construction_level, construction_department,
  deployment, deployment_detail, status, contact_name, contact_phone, contact_email, version, created_by, created_at,
  updated_by, updated_at`;

function toSystem(row: Row): InformationSystem {
  return {
    id: row['id'] as string,
    nodeCode: row['node_code'] as string,
    organisationId: row['organisation_id'] as string,
    name: row['name'] as string,
    description: (row['description'] as string | null) ?? null,
    constructionLevel: row['construction_level'] as ConstructionLevel,
    constructionDepartment: row['construction_department'] as string,
    deployment: row['deployment'] as Deployment,
    deploymentDetail: (row['deployment_detail'] as string | null) ?? null,
    status: row['status'] as SystemStatus,
    contact: {
      name: row['contact_name'] as string,
      phone: row['contact_phone'] as string,
      email: (row['contact_email'] as string | null) ?? null,
    },
    version: row['version'] as number,
    createdBy: row['created_by'] as string,
    createdAt: (row['created_at'] as Date).toISOString(),
    updatedBy: row['updated_by'] as string,
    updatedAt: (row['updated_at'] as Date).toISOString(),
  };
}
