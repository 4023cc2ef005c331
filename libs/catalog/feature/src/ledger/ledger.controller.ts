import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, RequirePermission } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { LEDGER_SCOPES } from './ledger-scope.js';
import { LedgerService, type LedgerStatistics, type ReplicaView } from './ledger.service.js';
import { LedgerQueryProblem } from './ledger.exception.js';

const NODE_CODE = /^(?:[0-9]{6}|[0-9A-HJ-NPQRTUWXY]{18})$/;
const statisticsQuery = z.object({ scope: z.enum(LEDGER_SCOPES).default('node') }).strict();

/** 一本账 — the replicas of the subtree, with provenance, and per-node statistics. */
@ApiTags('catalog ledger 一本账')
@Controller('api/v1/catalog')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('replicas/:origin/:idOrCode')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({
    summary: '读取副本 (a replica with provenance)',
    description:
      'A published or retired entry of a node below, by entry id or 信息资源代码, with its origin, path, version and received time. Restricted entries answer 404.',
  })
  replica(@Param('origin') origin: string, @Param('idOrCode') idOrCode: string): Promise<ReplicaView> {
    if (!NODE_CODE.test(origin)) {
      throw GovdataError.validation([
        {
          path: 'origin',
          rule: LedgerQueryProblem.NodeCode,
          message: '节点代码（6 位数字，部委为 18 位） (a node code (6 digits, or 18 characters for a ministry))',
        },
      ]);
    }
    return this.ledger.replica(this.dataSource.manager, origin, idOrCode);
  }

  @Get('statistics')
  @RequirePermission('catalog.statistics.read')
  @ApiOperation({
    summary: '目录统计 (entries by status and overdue clocks, per node)',
    description:
      'Own entries by every status, replicas as published / retired; overdue clocks for this node. Reviewers, data-admins and auditors of the node.',
  })
  @ApiQuery({
    name: 'scope',
    required: false,
    enum: LEDGER_SCOPES,
    description: 'node (default), subtree, all (national only)',
  })
  statistics(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<LedgerStatistics> {
    const parsed = statisticsQuery.safeParse(query ?? {});
    if (!parsed.success) throw GovdataError.validation(GovdataError.fromZod(parsed.error).fields);
    return this.ledger.statistics(this.dataSource.manager, principal, parsed.data.scope);
  }
}
