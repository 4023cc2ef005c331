import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { isUuid } from '@govdata/codes';
import { can, CurrentPrincipal, GrantRule, RequirePermission, scopeOf, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { ApiProblems, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { MemberRule } from '../access/member.exception.js';
import { isNodeAdmin } from '../access/identity-access.js';
import { authoriseMemberChange, authoriseNewMember, nodeScope } from '../access/member-target.js';
import { SERVICE_SUBJECT_PREFIX } from '../auth/token.service.js';
import { hashSecret } from '../passwords/password-hasher.js';
import { Sessions } from '../sessions/sessions.js';
import { decodeCursor, type Page } from '../paging/cursor.js';
import { listUsersQuery, roles } from '../users/user.dto.js';
import { ServiceAccountRepository, type ServiceAccount } from './service-account.repository.js';

const createServiceAccountBody = z
  .object({ organisationId: z.uuid(), name: z.string().trim().min(1).max(100), roles })
  .strict();

/** The account, plus the credentials in OAuth spelling, ready for `POST /api/v1/auth/token`. Shown once. */
export type NewServiceAccountResponse = ServiceAccount & { client_id: string; client_secret: string };

/** 服务账号 — `/api/v1/service-accounts`: node-admins anywhere, data-admins in their own organisation. */
@Controller('api/v1/service-accounts')
export class ServiceAccountsController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly accounts: ServiceAccountRepository,
    private readonly sessions: Sessions,
  ) {}

  /** Creates a service account. The secret is returned here only; the node keeps just its hash. */
  @Post()
  @RequirePermission('identity.service-account.create')
  @ApiProblems(
    MemberRule.OrganisationExists,
    MemberRule.OrganisationActive,
    GrantRule.NodeAdminInRootOrganisation,
    GrantRule.NodeRoleInAuthorityOrganisation,
  )
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<NewServiceAccountResponse> {
    const input = parseInput(createServiceAccountBody, body);
    const clientId = `sa-${randomBytes(12).toString('hex')}`;
    const clientSecret = randomBytes(32).toString('base64url');
    const secretHash = await hashSecret(clientSecret);
    const account = await this.dataSource.transaction(async (manager) => {
      await authoriseNewMember(manager, this.config.node.code, principal, input.organisationId, input.roles);
      return this.accounts.insert(manager, {
        organisationId: input.organisationId,
        clientId,
        name: input.name,
        secretHash,
        roles: input.roles,
      });
    });
    return { ...account, client_id: clientId, client_secret: clientSecret };
  }

  /**
   * 服务账号列表 — a node-admin or auditor of the node sees every account of the node (or of one
   * organisation, `organisationId`); a data-admin those of their own organisation (分域), as users.
   * Secrets are never listed: only their holders saw them, once.
   */
  @Get()
  @RequirePermission('identity.service-account.read')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<Page<ServiceAccount>> {
    const input = parseInput(listUsersQuery, query);
    const nodeCode = this.config.node.code;
    const manager = this.dataSource.manager;
    const scope = await nodeScope(manager, nodeCode);
    let organisationId = input.organisationId;
    if (
      !isNodeAdmin(principal, scope) &&
      scopeOf(principal, 'identity.service-account.read', { nodeCode }) !== 'node'
    ) {
      if (!can(principal, 'identity.service-account.read', { nodeCode, organisationId: principal.organisationId }))
        throw GovdataError.forbidden(
          '查看服务账号需要本节点的节点管理员或审计员，或该机构的数据管理员 (listing service accounts needs node-admin or auditor of the node, or data-admin of the organisation)',
        );
      organisationId ??= principal.organisationId;
      if (organisationId !== principal.organisationId) {
        throw GovdataError.forbidden(
          'a data-admin sees the service accounts of their own organisation only (分域管理)',
        );
      }
    }
    return this.accounts.page(
      manager,
      nodeCode,
      organisationId,
      input.limit,
      input.cursor ? decodeCursor(input.cursor) : undefined,
    );
  }

  /**
   * 轮换密钥 — a new secret, shown here only; the old secret and every token issued with it are
   * refused from now on, at every service.
   */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequirePermission('identity.service-account.update')
  async rotateSecret(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<NewServiceAccountResponse> {
    const clientSecret = randomBytes(32).toString('base64url');
    const secretHash = await hashSecret(clientSecret);
    const account = await this.dataSource.transaction(async (manager) => {
      const found = await this.authorisedTarget(manager, principal, id);
      await this.accounts.replaceSecret(manager, found.id, secretHash);
      await this.sessions.endAll(manager, `${SERVICE_SUBJECT_PREFIX}${found.clientId}`, 'secret-rotated');
      return found;
    });
    return { ...account, client_id: account.clientId, client_secret: clientSecret };
  }

  /** 吊销 — the account can no longer get tokens and the ones it holds are refused. */
  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('identity.service-account.update')
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ServiceAccount> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.authorisedTarget(manager, principal, id);
      const account = await this.accounts.deactivate(manager, found.id);
      await this.sessions.endAll(manager, `${SERVICE_SUBJECT_PREFIX}${found.clientId}`, 'service-account-revoked');
      return account;
    });
  }

  private async authorisedTarget(manager: EntityManager, principal: Principal, id: string): Promise<ServiceAccount> {
    const nodeCode = this.config.node.code;
    const found = isUuid(id) ? await this.accounts.findById(manager, nodeCode, id) : undefined;
    if (!found) throw GovdataError.notFound('service account', id);
    await authoriseMemberChange(manager, nodeCode, principal, found.organisationId, found.roles);
    return found;
  }
}
