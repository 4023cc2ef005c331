import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CurrentPrincipal, type Principal, RequirePermission, type Role } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ApiProblems, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import type { Request } from 'express';
import { clientAddress } from '../auth/client-address.js';
import { DataSource } from 'typeorm';
import { SERVICE_SUBJECT_PREFIX } from '../auth/token.service.js';
import type { Organisation } from '../organisations/organisation.js';
import { OrganisationRepository } from '../organisations/organisation.repository.js';
import { ServiceAccountRepository, type ServiceAccount } from '../service-accounts/service-account.repository.js';
import { changePasswordBody } from '../users/user.dto.js';
import { UserRule } from '../users/user.exception.js';
import { UserRepository, type UserAccount } from '../users/user.repository.js';
import { UserService } from '../users/user.service.js';
import { isUuid } from '@govdata/codes';

export interface MeResponse {
  /** What the token proves. */
  principal: Principal;
  /** The person's account on this node (null for service accounts and other issuers' tokens). */
  user: (UserAccount & { grants: Array<{ role: Role; organisationId: string }> }) | null;
  serviceAccount: ServiceAccount | null;
  organisation: Organisation | null;
}

/** `/api/v1/me` — who the caller is, with their account and organisation on this node. */
@Controller('api/v1/me')
export class MeController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly serviceAccounts: ServiceAccountRepository,
    private readonly organisations: OrganisationRepository,
    private readonly userService: UserService,
  ) {}

  /** Changes the caller's own password (the way out of a generated bootstrap password). 204 on success. */
  @Post('password')
  @RequirePermission('identity.me')
  @HttpCode(204)
  @ApiProblems(UserRule.CurrentPassword)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: Request,
  ): Promise<void> {
    await this.userService.changePassword(principal, parseInput(changePasswordBody, body), clientAddress(request));
  }

  @Get()
  @RequirePermission('identity.me')
  async me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    const nodeCode = this.config.node.code;
    const manager = this.dataSource.manager;
    const response: MeResponse = { principal, user: null, serviceAccount: null, organisation: null };
    if (principal.nodeCode !== nodeCode) return response;
    if (principal.kind === 'user') {
      const user = isUuid(principal.subject)
        ? await this.users.findById(manager, nodeCode, principal.subject)
        : undefined;
      if (user) response.user = { ...user, grants: await this.users.grantsOf(manager, user.id) };
    } else if (principal.subject.startsWith(SERVICE_SUBJECT_PREFIX)) {
      response.serviceAccount =
        (await this.serviceAccounts.findByClientId(
          manager,
          nodeCode,
          principal.subject.slice(SERVICE_SUBJECT_PREFIX.length),
        )) ?? null;
    }
    if (isUuid(principal.organisationId))
      response.organisation = (await this.organisations.findById(manager, nodeCode, principal.organisationId)) ?? null;
    return response;
  }
}
