import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, GrantRule, RequirePermission, ROLES, type Principal } from '@govdata/platform-auth';
import { ApiProblems, parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import { MemberRule } from '../access/member.exception.js';
import type { Page } from '../paging/cursor.js';
import { createUserBody, listUsersQuery } from './user.dto.js';
import type { UserAccount } from './user.repository.js';
import { UserRule } from './user.exception.js';
import { UserService } from './user.service.js';

/** 用户 — `/api/v1/users`: node-admins anywhere on the node, data-admins in their own organisation. */
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Post()
  @RequirePermission('identity.user.create')
  @ApiProblems(
    MemberRule.OrganisationExists,
    MemberRule.OrganisationActive,
    GrantRule.NodeAdminInRootOrganisation,
    GrantRule.NodeRoleInAuthorityOrganisation,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<UserAccount> {
    return this.users.create(principal, parseInput(createUserBody, body));
  }

  @Get()
  @RequirePermission('identity.user.read')
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<Page<UserAccount>> {
    return this.users.list(principal, parseInput(listUsersQuery, query));
  }

  /** 强制下线: every token the user holds stops working at every service. 204. */
  @Post(':id/revoke-sessions')
  @HttpCode(204)
  @RequirePermission('identity.user.update')
  revokeSessions(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.users.revokeSessions(principal, id);
  }

  /** 停用: cannot sign in; tokens refused. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermission('identity.user.update')
  @ApiProblems(UserRule.LastNodeAdmin)
  deactivate(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<UserAccount> {
    return this.users.setActive(principal, id, false);
  }

  /** 启用: may sign in again (earlier tokens stay refused). */
  @Post(':id/reactivate')
  @HttpCode(200)
  @RequirePermission('identity.user.update')
  reactivate(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<UserAccount> {
    return this.users.setActive(principal, id, true);
  }

  /** 撤销角色: the role is gone from the account and from every token issued before. */
  @Delete(':id/roles/:role')
  @HttpCode(200)
  @RequirePermission('identity.user.update')
  @ApiProblems(UserRule.LastNodeAdmin)
  removeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('role') role: string,
  ): Promise<UserAccount> {
    return this.users.removeRole(principal, id, parseInput(z.object({ role: z.enum(ROLES) }), { role }).role);
  }
}
