import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, scopeOf, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { ApiZodBody, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CatalogMountsClient } from '../sources/catalog-mounts.client.js';
import { DATASET_STATUSES, type DatasetRecord, type DatasetView } from './dataset.js';
import { DatasetRepository } from './dataset.repository.js';
import { DatasetViews } from './dataset-views.js';
import { ReviewDatasetUseCase, reviewDecisionSchema } from './review-dataset.usecase.js';

const listQuery = z
  .object({
    status: z.enum(DATASET_STATUSES).default('pending'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
const idParam = z.uuid();

/**
 * 开放审核 — `/api/v1/open-data/reviews`: the datasets waiting for (or through) the opening review.
 * The node's data authority sees and decides them all; a department sees its own.
 */
@ApiTags('open data 数据开放')
@Controller('api/v1/open-data/reviews')
export class ReviewsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    private readonly views: DatasetViews,
    private readonly mounts: CatalogMountsClient,
    private readonly review: ReviewDatasetUseCase,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @ApiOperation({ summary: '开放审核列表 (?status=pending|open|refused|archived; a department sees its own)' })
  @Get()
  @RequirePermission('open-data.review.read')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<{ items: DatasetView[] }> {
    const q = parseInput(listQuery, query);
    const nodeWide = scopeOf(principal, 'open-data.review.read', { nodeCode: this.config.node.code }) === 'node';
    const records = await this.datasets.list(this.dataSource.manager, {
      statuses: [q.status],
      organisationId: nodeWide ? undefined : principal.organisationId,
      limit: q.limit,
    });
    return { items: await this.withReview(records) };
  }

  @ApiOperation({ summary: '开放审核详情 (the dataset, its review, and every mapped column of its mounted tables)' })
  @Get(':id')
  @RequirePermission('open-data.review.read')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DatasetView> {
    const dataset = await this.visible(principal, parseInput(idParam, id, 'id'));
    const [view] = await this.withReview([dataset]);
    if (dataset.status !== 'pending') return view!;
    // While pending, the columns to decide are the catalog's mapping as it stands now.
    const tables = await this.mounts.tableMounts(dataset.entryId).catch((error: unknown) => {
      if (error instanceof GovdataError && error.httpStatus === 404) return [];
      throw error;
    });
    view!.review!.columns = tables.flatMap((t) =>
      t.columns.map((c) => ({
        resource: t.name,
        mountId: t.id,
        column: c.column,
        columnType: c.columnType,
        item: c.item,
        decision: null,
        mask: null,
      })),
    );
    return view!;
  }

  @ApiOperation({
    summary: '开放审核决定 (open — domain, licence, checks, a decision per column — or refuse with a reason)',
  })
  @ApiZodBody(reviewDecisionSchema)
  @Post(':id/decision')
  @RequirePermission('open-data.review.decide')
  @HttpCode(200)
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<DatasetView> {
    const input = parseInput(reviewDecisionSchema, body);
    const decided = await this.review.execute(principal, parseInput(idParam, id, 'id'), input);
    return (await this.withReview([decided]))[0]!;
  }

  private async visible(principal: Principal, id: string): Promise<DatasetRecord> {
    const dataset = await this.datasets.findById(this.dataSource.manager, id);
    if (
      !dataset ||
      !scopeOf(principal, 'open-data.review.read', {
        nodeCode: this.config.node.code,
        organisationId: dataset.organisationId,
      })
    ) {
      throw GovdataError.notFound('open dataset', id);
    }
    return dataset;
  }

  private async withReview(records: readonly DatasetRecord[]): Promise<DatasetView[]> {
    const manager = this.dataSource.manager;
    const { views, resources } = await this.views.read(manager, records);
    return views.map((view, i) => {
      const record = records[i]!;
      return {
        ...view,
        review: {
          due: record.reviewDue,
          dueProvisional: record.reviewDueProvisional,
          submittedAt: record.submittedAt,
          decision: record.review,
          columns: resources
            .filter((r) => r.datasetId === record.id)
            .flatMap((r) =>
              r.columns.map((c) => ({
                resource: r.name,
                mountId: r.mountId,
                column: c.column,
                columnType: c.columnType,
                item: c.item,
                decision: c.decision,
                mask: c.mask ?? null,
              })),
            ),
        },
      };
    });
  }
}
