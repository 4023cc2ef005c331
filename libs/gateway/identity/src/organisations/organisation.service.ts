import { Inject, Injectable } from '@nestjs/common';
import type { OrganisationEventV1 } from '@govdata/contracts';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { EventPublisher } from '@govdata/platform-messaging';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { assertNodeAdmin } from '../access/identity-access.js';
import { SERVICE_SUBJECT_PREFIX } from '../auth/token.service.js';
import { decodeCursor, type Page } from '../paging/cursor.js';
import { organisationEvent, type Organisation } from './organisation.js';
import type { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.dto.js';
import { OrganisationRepository, type NewOrganisation, type OrganisationChanges } from './organisation.repository.js';
import { ServiceAccountRepository } from '../service-accounts/service-account.repository.js';
import { Sessions } from '../sessions/sessions.js';
import { UserRepository } from '../users/user.repository.js';
import { judgeUscc } from './uscc-check.js';
import { OrganisationFieldRule, OrganisationRule } from './organisation.exception.js';

export const ORGANISATION_EVENT = 'identity.organisation.v1';

/** A write's result and what the caller should look at although it was accepted. */
export interface WithWarnings<T> {
  value: T;
  warnings: FieldProblem[];
}

/** 组织机构管理 — the node's organisations; every change writes its event in the same transaction. */
@Injectable()
export class OrganisationService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
    private readonly serviceAccounts: ServiceAccountRepository,
    private readonly sessions: Sessions,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  async get(id: string): Promise<Organisation> {
    const found = await this.organisations.findById(this.dataSource.manager, this.nodeCode, id);
    if (!found) throw GovdataError.notFound('organisation', id);
    return found;
  }

  list(limit: number, cursor?: string, cursorPath = 'cursor'): Promise<Page<Organisation>> {
    return this.organisations.page(
      this.dataSource.manager,
      this.nodeCode,
      limit,
      cursor ? decodeCursor(cursor, cursorPath) : undefined,
    );
  }

  async create(principal: Principal, input: CreateOrganisationInput): Promise<WithWarnings<Organisation>> {
    const verdict = judgeUscc(input.uscc, input.kind);
    if (verdict.error) throw GovdataError.validation([verdict.error]);
    return this.dataSource.transaction(async (manager) => {
      await this.assertNodeAdmin(manager, principal);
      if (input.parentId) await this.requireParent(manager, input.parentId);
      const created = await insertOrganisation(manager, this.publisher, { nodeCode: this.nodeCode, ...input });
      return { value: created, warnings: verdict.warnings };
    });
  }

  async update(principal: Principal, id: string, input: UpdateOrganisationInput): Promise<WithWarnings<Organisation>> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertNodeAdmin(manager, principal);
      const current = await this.organisations.findById(manager, this.nodeCode, id, { forUpdate: true });
      if (!current) throw GovdataError.notFound('organisation', id);
      if (input.version !== undefined && input.version !== current.version) {
        throw GovdataError.conflict(
          `机构自版本 ${input.version} 后已被修改，当前版本为 ${current.version} (the organisation changed since version ${input.version}; it is at version ${current.version})`,
          [
            {
              path: 'version',
              rule: OrganisationFieldRule.VersionMismatch,
              message: `当前为 ${current.version}，请重新加载后再修改 (is ${current.version} now; reload and apply the change again)`,
            },
          ],
        );
      }
      const changes = changedFields(current, input);
      const warnings: FieldProblem[] = [];
      if (changes.uscc !== undefined || changes.kind !== undefined) {
        const verdict = judgeUscc(changes.uscc ?? current.uscc, changes.kind ?? current.kind);
        if (verdict.error) throw GovdataError.validation([verdict.error]);
        if (changes.uscc !== undefined) {
          warnings.push(...verdict.warnings);
          await this.assertUsccFree(manager, changes.uscc);
        }
      }
      if (current.isRoot && changes.parentId) {
        throw GovdataError.rule(
          'parentId',
          OrganisationRule.RootHasNoParent,
          "本节点的根机构须位于机构树顶端 (the node's root organisation stays at the top of the tree)",
        );
      }
      if (current.isRoot && changes.authority === false) {
        throw GovdataError.rule(
          'authority',
          OrganisationRule.RootIsAuthority,
          "本节点的根机构始终为数据主管部门 (the node's root organisation is always an authority organisation)",
        );
      }
      if (current.isRoot && changes.active === false) {
        throw GovdataError.rule(
          'active',
          OrganisationRule.RootStaysActive,
          "本节点的根机构不能停用 (the node's root organisation cannot be deactivated)",
        );
      }
      if (changes.parentId) {
        await this.requireParent(manager, changes.parentId);
        const chain = await this.organisations.selfAndAncestorIds(manager, this.nodeCode, changes.parentId);
        if (chain.includes(id)) {
          throw GovdataError.rule(
            'parentId',
            OrganisationRule.ParentCycle,
            '新的上级机构是本机构或其下级机构 (the new parent is this organisation or one of its descendants)',
          );
        }
      }
      if (Object.keys(changes).length === 0) return { value: current, warnings };
      let updated: Organisation;
      try {
        updated = await this.organisations.update(manager, this.nodeCode, id, changes);
      } catch (error) {
        if (isUniqueViolation(error)) throw usccConflict(changes.uscc ?? current.uscc);
        throw error;
      }
      await publishOrganisationEvent(
        manager,
        this.publisher,
        changes.active === false ? 'deactivated' : 'updated',
        updated,
      );
      if (changes.active === false) await this.endSessionsOfMembers(manager, id);
      return { value: updated, warnings };
    });
  }

  /**
   * 停用机构: its people and service accounts can no longer sign in (the login queries join the
   * organisation's active flag), and the tokens and portal sessions they hold end now, not when
   * they would have expired.
   */
  private async endSessionsOfMembers(manager: EntityManager, organisationId: string): Promise<void> {
    const subjects = [
      ...(await this.users.idsOf(manager, organisationId)),
      ...(await this.serviceAccounts.clientIdsOf(manager, organisationId)).map((c) => `${SERVICE_SUBJECT_PREFIX}${c}`),
    ];
    for (const subject of subjects) await this.sessions.endAll(manager, subject, 'organisation-deactivated');
  }

  private async assertNodeAdmin(manager: EntityManager, principal: Principal): Promise<void> {
    const root = await this.organisations.findRoot(manager, this.nodeCode);
    if (!root)
      throw GovdataError.unavailable(
        '本节点尚无根机构；网关启动时会创建 (the node has no root organisation yet; it is created when the gateway starts)',
      );
    assertNodeAdmin(principal, { nodeCode: this.nodeCode, rootOrganisationId: root.id });
  }

  private async requireParent(manager: EntityManager, parentId: string): Promise<Organisation> {
    const parent = await this.organisations.findById(manager, this.nodeCode, parentId);
    if (!parent)
      throw GovdataError.rule(
        'parentId',
        OrganisationRule.ParentExists,
        `节点 ${this.nodeCode} 上没有机构 ${parentId} (no organisation ${parentId} on node ${this.nodeCode})`,
      );
    if (!parent.active)
      throw GovdataError.rule(
        'parentId',
        OrganisationRule.ParentActive,
        '上级机构已停用 (the parent organisation is deactivated)',
      );
    return parent;
  }

  private async assertUsccFree(manager: EntityManager, uscc: string): Promise<void> {
    if (await this.organisations.findByUscc(manager, this.nodeCode, uscc)) throw usccConflict(uscc);
  }
}

const repository = new OrganisationRepository();

/**
 * Creates an organisation and its `created` event in the caller's transaction; a USCC already on
 * the node is a 409 naming the field. Used by the API, the first-run bootstrap and the demo seed.
 */
export async function insertOrganisation(
  manager: EntityManager,
  publisher: EventPublisher,
  o: NewOrganisation,
): Promise<Organisation> {
  if (await repository.findByUscc(manager, o.nodeCode, o.uscc)) throw usccConflict(o.uscc);
  let created: Organisation;
  try {
    created = await repository.insert(manager, o);
  } catch (error) {
    if (isUniqueViolation(error)) throw usccConflict(o.uscc);
    throw error;
  }
  await publishOrganisationEvent(manager, publisher, 'created', created);
  return created;
}

async function publishOrganisationEvent(
  manager: EntityManager,
  publisher: EventPublisher,
  action: OrganisationEventV1['action'],
  o: Organisation,
): Promise<void> {
  await publisher.publish(manager, { type: ORGANISATION_EVENT, subject: o.id, data: organisationEvent(action, o) });
}

function usccConflict(uscc: string): GovdataError {
  return GovdataError.conflict(
    `本节点已存在统一社会信用代码为 ${uscc} 的机构 (an organisation with USCC ${uscc} already exists on this node)`,
    [
      {
        path: 'uscc',
        rule: OrganisationFieldRule.UniqueUscc,
        message:
          '本节点已有其他机构使用该统一社会信用代码 (another organisation on this node has this unified social credit code)',
      },
    ],
  );
}

function changedFields(current: Organisation, input: UpdateOrganisationInput): OrganisationChanges {
  const changes: OrganisationChanges = {};
  if (input.name !== undefined && input.name !== current.name) changes.name = input.name;
  if (input.uscc !== undefined && input.uscc !== current.uscc) changes.uscc = input.uscc;
  if (input.regionCode !== undefined && input.regionCode !== current.regionCode) changes.regionCode = input.regionCode;
  if (input.kind !== undefined && input.kind !== current.kind) changes.kind = input.kind;
  if (input.parentId !== undefined && input.parentId !== current.parentId) changes.parentId = input.parentId;
  if (input.active !== undefined && input.active !== current.active) changes.active = input.active;
  if (input.authority !== undefined && input.authority !== current.authority) changes.authority = input.authority;
  return changes;
}
