import { Body, Controller, Delete, Get, HttpCode, Param, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { assertOpenHere } from '../datasets/open-here.js';
import { PublishedDatasets } from '../datasets/published-datasets.js';
import { OpenCallers } from '../people/open-callers.js';
import { NO_RATINGS, type RatingSummary } from './rating.js';
import { RatingRepository } from './rating.repository.js';

export const ratingBody = z
  .object({ score: z.number().int('评分为 1 到 5 的整数 (a whole number 1–5)').min(1).max(5) })
  .strict();
const idParam = z.uuid();

/**
 * 评分 — a signed-in person rates an open dataset of this node 1–5, once (a new score replaces the
 * old one), or takes the rating back. Public at the Nest level; the service checks its own session
 * cookie and the CSRF header.
 */
@ApiTags('open data people 开放门户用户')
@Controller('api/v1/open-data/datasets/:id/rating')
export class RatingsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callers: OpenCallers,
    private readonly published: PublishedDatasets,
    private readonly ratings: RatingRepository,
  ) {}

  @ApiOperation({ summary: '我的评分 (the signed-in person’s score of the dataset, null when none)' })
  @Get()
  @Public()
  async mine(
    @Req() req: Request,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ score: number | null; ratedAt: string | null }> {
    const { account } = await this.callers.signedIn(req);
    const datasetId = parseInput(idParam, id, 'id');
    await this.published.published(datasetId);
    res.setHeader('cache-control', 'no-store');
    const rated = await this.ratings.find(this.dataSource.manager, datasetId, account.id);
    return { score: rated?.score ?? null, ratedAt: rated?.ratedAt ?? null };
  }

  @ApiOperation({ summary: '评分 (1–5; one per person and dataset, a new score replaces the old)' })
  @ApiZodBody(ratingBody)
  @Put()
  @Public()
  async rate(
    @Req() req: Request,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ score: number; ratedAt: string; rating: RatingSummary }> {
    const { account } = await this.callers.signedIn(req);
    const datasetId = parseInput(idParam, id, 'id');
    const { score } = parseInput(ratingBody, body);
    assertOpenHere(await this.published.published(datasetId));
    const rated = await this.ratings.upsert(this.dataSource.manager, datasetId, account.id, score);
    return { score: rated.score, ratedAt: rated.ratedAt, rating: await this.summary(datasetId) };
  }

  @ApiOperation({ summary: '取消评分 (takes the signed-in person’s rating of the dataset back)' })
  @Delete()
  @HttpCode(200)
  @Public()
  async remove(@Req() req: Request, @Param('id') id: string): Promise<{ rating: RatingSummary }> {
    const { account } = await this.callers.signedIn(req);
    const datasetId = parseInput(idParam, id, 'id');
    await this.published.published(datasetId);
    await this.ratings.remove(this.dataSource.manager, datasetId, account.id);
    return { rating: await this.summary(datasetId) };
  }

  private async summary(datasetId: string): Promise<RatingSummary> {
    return (await this.ratings.summaries(this.dataSource.manager, [datasetId])).get(datasetId) ?? NO_RATINGS;
  }
}
