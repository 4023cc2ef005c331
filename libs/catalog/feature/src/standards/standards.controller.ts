import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { conflictsQuery, STANDARD_KINDS, standardsQuery } from './standards.dto.js';
import { StandardsRepository, type StandardConflict, type StoredStandard } from './standards.repository.js';

const optional = { required: false } as const;

/**
 * 标准 — the standards and directives in force on this node with where each came from: issued here
 * or inherited from an ancestor node (origin, version, when it arrived), and the conflicts met
 * applying inherited ones.
 */
@ApiTags('catalog standards 标准')
@Controller('api/v1/catalog/standards')
export class StandardsController {
  constructor(
    private readonly standards: StandardsRepository,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Get()
  @RequirePermission('catalog.reference.read')
  @ApiOperation({
    summary: '标准清单 (standards in force, with provenance: origin, version, inherited, receivedAt)',
    description: 'Codes, data elements, grade rules, calendar years and directives issued here or inherited.',
  })
  @ApiQuery({ name: 'kind', ...optional, enum: STANDARD_KINDS })
  @ApiQuery({ name: 'origin', ...optional, description: '节点代码 of the issuing node' })
  async list(@Query() query: unknown): Promise<{ nodeCode: string; items: StoredStandard[] }> {
    const filter = parseInput(standardsQuery, query);
    return {
      nodeCode: this.config.node.code,
      items: await this.standards.effective(this.dataSource.manager, this.config.node.code, filter),
    };
  }

  @Get('conflicts')
  @RequirePermission('catalog.standard.conflicts.read')
  @ApiOperation({
    summary: '标准冲突 (what applying inherited standards overrode or could not apply; newest first)',
  })
  @ApiQuery({ name: 'kind', ...optional, enum: STANDARD_KINDS })
  @ApiQuery({ name: 'origin', ...optional, description: '节点代码 of the issuing node' })
  @ApiQuery({ name: 'limit', ...optional, type: Number })
  async conflicts(@Query() query: unknown): Promise<{ items: StandardConflict[] }> {
    return { items: await this.standards.conflicts(this.dataSource.manager, parseInput(conflictsQuery, query)) };
  }
}
