import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, RequirePermission } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { readableOrganisation } from '../exchange-access.js';
import { CallRecordRepository, METERING_DIMENSIONS, type MeteringRow } from './call-record.repository.js';

const DAY_MS = 86_400_000;

const meteringQuery = z
  .object({
    by: z.enum(METERING_DIMENSIONS, {
      error: `取值须为 ${METERING_DIMENSIONS.join(', ')} 之一 (one of ${METERING_DIMENSIONS.join(', ')})`,
    }),
    /** Start of the period (RFC 3339); default 30 days before `to`. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** End of the period, excluded; default now. */
    to: z.iso.datetime({ offset: true }).optional(),
    organisationId: z.uuid().optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
    message: 'from 须早于 to (from is before to)',
    path: ['from'],
    params: { rule: 'range' },
  });

/**
 * 调用计量 — `/api/v1/exchange/metering?by=grant|resource|consumer|provider&from&to`: calls, outcomes,
 * errors, latency and bytes of the calls this node's exchange logged, for governance statistics.
 * An organisation sees the calls it made or served; node-admins and auditors see all.
 */
@ApiTags('exchange metering 调用计量')
@Controller('api/v1/exchange/metering')
export class MeteringController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly calls: CallRecordRepository,
  ) {}

  @ApiOperation({ summary: '调用计量 (aggregates per grant, resource, consumer or provider organisation)' })
  @Get()
  @RequirePermission('exchange.metering.read')
  async metering(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<{ by: string; from: string; to: string; items: MeteringRow[] }> {
    const input = parseInput(meteringQuery, query);
    const organisationId = readableOrganisation(principal, this.config.node.code, input.organisationId, 'metering');
    const to = input.to ? new Date(input.to) : new Date();
    const from = input.from ? new Date(input.from) : new Date(to.getTime() - 30 * DAY_MS);
    const items = await this.calls.aggregate(this.dataSource.manager, input.by, { from, to }, organisationId);
    return { by: input.by, from: from.toISOString(), to: to.toISOString(), items };
  }
}
