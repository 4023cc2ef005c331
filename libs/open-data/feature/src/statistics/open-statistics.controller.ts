import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { OpenStatisticsRepository, type OpenStatistics } from './open-statistics.js';

const statisticsQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(366).default(30),
    /** node: this node's own datasets; subtree: with those of every node below it (their replicas here). */
    scope: z.enum(['node', 'subtree']).default('node'),
  })
  .strict();

/** 开放统计 — `/api/v1/open-data/statistics`: the node's figures against the plan's targets, for anybody. */
@ApiTags('open data 数据开放')
@Controller('api/v1/open-data/statistics')
export class OpenStatisticsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statistics: OpenStatisticsRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @ApiOperation({
    summary:
      '开放统计 (datasets, domains, departments, machine-readable and API shares, downloads per day; ?days ≤ 366; ?scope=subtree counts the nodes below too)',
  })
  @Get()
  @Public()
  get(@Query() query: unknown): Promise<OpenStatistics> {
    const { days, scope } = parseInput(statisticsQuery, query);
    return this.statistics.compute(this.dataSource.manager, this.config.node.code, days, scope);
  }
}
