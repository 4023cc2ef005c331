import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { DeadlineClockService } from '../clocks/deadline-clock.service.js';
import { entryStatus, type EntryStatus, type VersionState } from '../entries/entry-lifecycle.js';
import { isRestricted, maySee, readerScope } from '../entries/entry-visibility.js';
import type { EntryContent } from '../entries/entry-content.js';
import { systemNameKey, type InformationSystem, type SystemStatus } from './information-system.js';
import type { RegisterSystemInput, UpdateSystemInput } from './information-system.dto.js';
import { InformationSystemRepository, type InformationSystemChanges } from './information-system.repository.js';
import { assertEditorOf, assertOnNode } from './organisation-access.js';
import { SystemConflict, SystemRule } from './system.exception.js';

/** An entry that names the system, as far as the reader may see it. */
export interface SystemEntrySummary {
  id: string;
  code: string;
  name: string;
  organisationId: string;
  status: EntryStatus;
}

export type InformationSystemDetail = InformationSystem & { entries: SystemEntrySummary[] };

/** 数据—系统 — the register of government information systems (政务信息系统) of the node's organisations. */
@Injectable()
export class InformationSystemService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly systems: InformationSystemRepository,
    private readonly clocks: DeadlineClockService,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  /**
   * Registers a system — the one way a system comes into the register — and, in the same
   * transaction, starts the organisation's 登记时限 clock for the resources the system holds.
   */
  async register(principal: Principal, input: RegisterSystemInput): Promise<InformationSystem> {
    const organisationId = input.organisationId ?? principal.organisationId;
    assertEditorOf(principal, this.nodeCode, organisationId, 'register its information systems');
    return this.dataSource.transaction(async (manager) => {
      const nameKey = systemNameKey(input.name);
      await this.assertNameFree(manager, organisationId, nameKey);
      let system: InformationSystem;
      try {
        system = await this.systems.insert(manager, {
          nodeCode: this.nodeCode,
          organisationId,
          name: input.name,
          nameKey,
          description: input.description ?? null,
          constructionLevel: input.constructionLevel,
          constructionDepartment: input.constructionDepartment,
          deployment: input.deployment,
          deploymentDetail: input.deploymentDetail ?? null,
          status: input.status,
          contact: { ...input.contact, email: input.contact.email ?? null },
          actor: principal.subject,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameConflict(input.name);
        throw error;
      }
      await this.clocks.openRegistrationForSystem(manager, {
        nodeCode: this.nodeCode,
        organisationId,
        systemId: system.id,
        systemName: system.name,
        openedBy: principal.subject,
      });
      return system;
    });
  }

  async update(principal: Principal, id: string, input: UpdateSystemInput): Promise<InformationSystem> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.systems.findById(manager, this.nodeCode, id, { forUpdate: true });
      if (!current) throw GovdataError.notFound('information system', id);
      assertEditorOf(principal, this.nodeCode, current.organisationId, 'edit its information systems');
      if (input.version !== undefined && input.version !== current.version) {
        throw GovdataError.conflict(
          `信息系统自版本 ${input.version} 后已被修改，当前版本为 ${current.version} (the system changed since version ${input.version}; it is at ${current.version})`,
          [
            {
              path: 'version',
              rule: SystemConflict.VersionMismatch,
              message: `当前为 ${current.version}，请重新加载后再编辑 (is ${current.version} now; reload and edit again)`,
            },
          ],
        );
      }
      const changes: InformationSystemChanges = {
        description: input.description,
        constructionLevel: input.constructionLevel,
        constructionDepartment: input.constructionDepartment,
        deployment: input.deployment,
        deploymentDetail: input.deploymentDetail,
        status: input.status,
        contact: input.contact ? { ...input.contact, email: input.contact.email ?? null } : undefined,
      };
      if (input.name !== undefined && input.name !== current.name) {
        const nameKey = systemNameKey(input.name);
        if (nameKey !== systemNameKey(current.name))
          await this.assertNameFree(manager, current.organisationId, nameKey);
        changes.name = input.name;
        changes.nameKey = nameKey;
      }
      if (Object.values(changes).every((value) => value === undefined)) return current;
      try {
        return await this.systems.update(manager, this.nodeCode, id, changes, principal.subject);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameConflict(input.name ?? current.name);
        throw error;
      }
    });
  }

  async list(
    principal: Principal,
    filter: { organisationId?: string; status?: SystemStatus },
  ): Promise<InformationSystem[]> {
    assertOnNode(principal, this.nodeCode);
    return this.systems.list(this.dataSource.manager, this.nodeCode, filter);
  }

  /** The system and the entries naming it that the caller may see. */
  async get(principal: Principal, id: string): Promise<InformationSystemDetail> {
    assertOnNode(principal, this.nodeCode);
    const manager = this.dataSource.manager;
    const system = await this.systems.findById(manager, this.nodeCode, id);
    if (!system) throw GovdataError.notFound('information system', id);
    const reader = readerScope(principal, this.nodeCode);
    const entries = (await this.systems.entriesNaming(manager, system))
      .filter((e) =>
        maySee(reader, {
          organisationId: e.organisationId,
          published: e.publishedVersion !== null,
          restricted: isRestricted(e.content as Pick<EntryContent, 'sharing' | 'grade'>),
        }),
      )
      .map((e) => ({
        id: e.id,
        code: e.code,
        name: e.name,
        organisationId: e.organisationId,
        status: entryStatus(e.headState as VersionState, e.publishedVersion, e.retired),
      }));
    return { ...system, entries };
  }

  /**
   * The rule an entry's `content.systemId` must keep: the system exists on this node and belongs
   * to the entry's own organisation (an entry's data comes from its provider's systems).
   */
  async assertSystemOfOrganisation(
    manager: EntityManager,
    systemId: string,
    organisationId: string,
    nodeCode: string,
  ): Promise<void> {
    const system = await this.systems.findById(manager, nodeCode, systemId);
    if (!system) {
      throw GovdataError.rule(
        'content.systemId',
        SystemRule.SystemExists,
        `no information system ${systemId} is registered on node ${nodeCode}; register it under 数据—系统 first`,
      );
    }
    if (system.organisationId !== organisationId) {
      throw GovdataError.rule(
        'content.systemId',
        SystemRule.SystemOfProvider,
        `信息系统 ${systemId} 属于其他机构；目录只能填写其提供方自己的信息系统 (information system ${systemId} belongs to another organisation; an entry names one of its own provider's systems)`,
      );
    }
  }

  private async assertNameFree(manager: EntityManager, organisationId: string, nameKey: string): Promise<void> {
    const existing = await this.systems.findByNameKey(manager, organisationId, nameKey);
    if (existing) throw nameConflict(existing.name);
  }
}

function nameConflict(name: string): GovdataError {
  return GovdataError.conflict(
    `本机构已登记名为 ${name} 的信息系统 (the organisation already registers an information system named ${name})`,
    [
      {
        path: 'name',
        rule: SystemConflict.Unique,
        message: '本机构已有同名信息系统 (another system of this organisation has this name)',
      },
    ],
  );
}
