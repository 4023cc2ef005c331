import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, RequireRoles, type Principal } from '@govdata/platform-auth';
import { parseInput } from '@govdata/platform-service';
import type { Page } from '../paging/cursor.js';
import { createUserBody, listUsersQuery } from './user.dto.js';
import type { UserAccount } from './user.repository.js';
import { UserService } from './user.service.js';

/** 用戶 — `/api/v1/users`: node-admins anywhere on the node, data-admins in their own organisation. */
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Post()
  @RequireRoles('node-admin', 'data-admin')
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<UserAccount> {
    return this.users.create(principal, parseInput(createUserBody, body));
  }

  @Get()
  @RequireRoles('node-admin', 'data-admin', 'auditor')
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<Page<UserAccount>> {
    return this.users.list(principal, parseInput(listUsersQuery, query));
  }
}
