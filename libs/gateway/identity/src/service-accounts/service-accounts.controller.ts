import { randomBytes } from 'node:crypto';
import { Body, Controller, Inject, Post } from '@nestjs/common';
import { CurrentPrincipal, RequireRoles, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { authoriseNewMember } from '../access/member-target.js';
import { hashSecret } from '../passwords/password-hasher.js';
import { roles } from '../users/user.dto.js';
import { ServiceAccountRepository, type ServiceAccount } from './service-account.repository.js';

const createServiceAccountBody = z
  .object({ organisationId: z.uuid(), name: z.string().trim().min(1).max(100), roles })
  .strict();

/** The account, plus the credentials in OAuth spelling, ready for `POST /api/v1/auth/token`. Shown once. */
export type NewServiceAccountResponse = ServiceAccount & { client_id: string; client_secret: string };

/** 服務賬號 — `/api/v1/service-accounts`: node-admins anywhere, data-admins in their own organisation. */
@Controller('api/v1/service-accounts')
export class ServiceAccountsController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly accounts: ServiceAccountRepository,
  ) {}

  /** Creates a service account. The secret is returned here only; the node keeps just its hash. */
  @Post()
  @RequireRoles('node-admin', 'data-admin')
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
}
