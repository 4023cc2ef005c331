import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import { toGrantView, type GrantView } from './grant.js';
import { GrantService } from './grant.service.js';
import { RevokeGrantUseCase } from './revoke-grant.usecase.js';

const listGrantsQuery = z
  .object({
    side: z.enum(['provider', 'consumer']).default('provider'),
    organisationId: z.uuid().optional(),
    status: z.enum(['active', 'revoked', 'expired']).optional(),
  })
  .strict();
const revokeBody = z
  .object({ reason: z.string().trim().min(1, '请说明撤销授权的理由 (say why the grant is revoked)').max(1_000) })
  .strict();
const idParam = z.uuid();

/** 授权 — `/api/v1/exchange/grants`: grants this node enforces (provider side) or its organisations hold. */
@ApiTags('exchange grants 授权')
@Controller('api/v1/exchange/grants')
export class GrantsController {
  constructor(
    private readonly grants: GrantService,
    private readonly revokeGrant: RevokeGrantUseCase,
  ) {}

  @ApiOperation({ summary: '授权列表 (?side=provider|consumer, ?status=active|revoked|expired)' })
  @Get()
  @RequirePermission('exchange.grant.read')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<{ items: GrantView[] }> {
    return { items: await this.grants.list(principal, parseInput(listGrantsQuery, query)) };
  }

  @ApiOperation({ summary: '授权详情 (one grant, for its provider or consumer organisation)' })
  @Get(':id')
  @RequirePermission('exchange.grant.read')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<GrantView> {
    return this.grants.get(principal, parseInput(idParam, id, 'id'));
  }

  @ApiOperation({ summary: '撤销授权 (revoke a grant; data-admin of the provider)' })
  @ApiZodBody(revokeBody)
  @Post(':id/revoke')
  @RequirePermission('exchange.grant.revoke')
  @HttpCode(200)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<GrantView> {
    const { reason } = parseInput(revokeBody, body);
    const grantId = parseInput(idParam, id, 'id');
    const revoked = await this.revokeGrant.execute({ by: 'provider-admin', principal, grantId, reason });
    return toGrantView(revoked!);
  }
}
