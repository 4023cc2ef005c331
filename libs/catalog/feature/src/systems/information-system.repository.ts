import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import {
  InformationSystemEntity,
  toInformationSystem,
  type InformationSystemRow,
} from './information-system.entity.js';
import type { ConstructionLevel, Deployment, InformationSystem, SystemStatus } from './information-system.js';
import { toSystemEntryRow, type SystemEntryRaw } from './system-entry-row.js';

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

/**
 * The register of government information systems, the only writer of `information_system`; every
 * query is scoped to a node. Reads entries only to list those naming a system.
 */
export class InformationSystemRepository {
  async insert(manager: EntityManager, s: NewInformationSystem): Promise<InformationSystem> {
    const id = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(InformationSystemEntity)
      .values({
        id,
        nodeCode: s.nodeCode,
        organisationId: s.organisationId,
        name: s.name,
        nameKey: s.nameKey,
        description: s.description,
        constructionLevel: s.constructionLevel,
        constructionDepartment: s.constructionDepartment,
        deployment: s.deployment,
        deploymentDetail: s.deploymentDetail,
        status: s.status,
        contactName: s.contact.name,
        contactPhone: s.contact.phone,
        contactEmail: s.contact.email,
        createdBy: s.actor,
        updatedBy: s.actor,
      })
      .updateEntity(false)
      .execute();
    return (await this.findById(manager, s.nodeCode, id))!;
  }

  async findById(
    manager: EntityManager,
    nodeCode: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<InformationSystem | null> {
    const row = await manager.getRepository(InformationSystemEntity).findOne({
      where: { nodeCode, id },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? toInformationSystem(row) : null;
  }

  async findByNameKey(
    manager: EntityManager,
    organisationId: string,
    nameKey: string,
  ): Promise<InformationSystem | null> {
    const row = await manager.getRepository(InformationSystemEntity).findOneBy({ organisationId, nameKey });
    return row ? toInformationSystem(row) : null;
  }

  async list(
    manager: EntityManager,
    nodeCode: string,
    filter: { organisationId?: string; status?: SystemStatus },
  ): Promise<InformationSystem[]> {
    const rows = await manager.getRepository(InformationSystemEntity).find({
      where: {
        nodeCode,
        ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { organisationId: 'ASC', name: 'ASC', id: 'ASC' },
    });
    return rows.map(toInformationSystem);
  }

  async update(
    manager: EntityManager,
    nodeCode: string,
    id: string,
    changes: InformationSystemChanges,
    actor: string,
  ): Promise<InformationSystem> {
    const set: QueryDeepPartialEntity<InformationSystemRow> = {
      name: changes.name,
      nameKey: changes.nameKey,
      description: changes.description,
      constructionLevel: changes.constructionLevel,
      constructionDepartment: changes.constructionDepartment,
      deployment: changes.deployment,
      deploymentDetail: changes.deploymentDetail,
      status: changes.status,
      ...(changes.contact
        ? {
            contactName: changes.contact.name,
            contactPhone: changes.contact.phone,
            contactEmail: changes.contact.email,
          }
        : {}),
    };
    // Unchanged fields are left out, not set to null.
    for (const key of Object.keys(set) as Array<keyof typeof set>) if (set[key] === undefined) delete set[key];
    await manager
      .createQueryBuilder()
      .update(InformationSystemEntity)
      .set({ ...set, version: () => 'version + 1', updatedBy: actor, updatedAt: () => 'now()' })
      .where('node_code = :nodeCode AND id = :id', { nodeCode, id })
      .updateEntity(false)
      .execute();
    return (await this.findById(manager, nodeCode, id))!;
  }

  /**
   * Entries of the system's organisation whose head or published version names the system. The
   * entry hook only accepts systems of the entry's own organisation, so the scan stays within it.
   */
  async entriesNaming(manager: EntityManager, system: InformationSystem): Promise<SystemEntryRow[]> {
    const rows: SystemEntryRaw[] = await manager.query(
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
    return rows.map(toSystemEntryRow);
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
