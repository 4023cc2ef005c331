import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { PublishedDatasets } from '../datasets/published-datasets.js';
import { decodeListCursor } from '../datasets/list-cursor.js';
import { pageOf } from '../paging/keyset-cursor.js';
import { OpenCallers } from '../people/open-callers.js';
import { ownCommentView, publicCommentView, type OwnCommentView, type PublicCommentView } from './comment.js';
import { CommentRepository } from './comment.repository.js';
import { CommentsService } from './comments.service.js';

export const commentBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(2, '评论至少 2 个字 (at least 2 characters)')
      .max(1_000, '评论最多 1000 个字 (at most 1000 characters)'),
  })
  .strict();
const listQuery = z
  .object({
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
const idParam = z.uuid();

/**
 * 评论 — comments on the node's open datasets: everybody reads the visible ones; a signed-in person
 * posts (within a limit per hour), reads their own — hidden ones too, with why — and deletes their
 * own. Public at the Nest level; the service checks its own session cookie and the CSRF header.
 */
@ApiTags('open data people 开放门户用户')
@Controller('api/v1/open-data')
export class CommentsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callers: OpenCallers,
    private readonly comments: CommentsService,
    private readonly stored: CommentRepository,
    private readonly published: PublishedDatasets,
    private readonly datasets: DatasetRepository,
  ) {}

  @ApiOperation({ summary: '数据集评论 (visible comments, newest first; ?after, ?limit)' })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @Get('datasets/:id/comments')
  @Public()
  async list(
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<{ items: PublicCommentView[]; next: string | null }> {
    const datasetId = parseInput(idParam, id, 'id');
    const q = parseInput(listQuery, query);
    await this.published.published(datasetId);
    const records = await this.stored.listVisible(this.dataSource.manager, datasetId, {
      after: q.after ? decodeListCursor(q.after) : undefined,
      limit: q.limit + 1,
    });
    const page = pageOf(records, q.limit, (c) => ({ at: c.createdAt, id: c.id }));
    return { items: page.items.map(publicCommentView), next: page.next };
  }

  @ApiOperation({ summary: '发表评论 (2–1000 characters; at most 20 per hour per account)' })
  @ApiZodBody(commentBody)
  @Post('datasets/:id/comments')
  @Public()
  async post(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<PublicCommentView> {
    const { account } = await this.callers.signedIn(req);
    const datasetId = parseInput(idParam, id, 'id');
    const { text } = parseInput(commentBody, body);
    return publicCommentView(await this.comments.post(account, datasetId, text));
  }

  @ApiOperation({ summary: '我的评论 (hidden ones too, with the reason; newest first)' })
  @Get('me/comments')
  @Public()
  async mine(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ items: OwnCommentView[] }> {
    const { account } = await this.callers.signedIn(req);
    res.setHeader('cache-control', 'no-store');
    const records = await this.stored.listOfAccount(this.dataSource.manager, account.id, 500);
    const ids = [...new Set(records.map((c) => c.datasetId))];
    const names = new Map((await this.datasets.findByIds(this.dataSource.manager, ids)).map((d) => [d.id, d.name]));
    return { items: records.map((c) => ownCommentView(c, names.get(c.datasetId) ?? '')) };
  }

  @ApiOperation({ summary: '删除我的评论 (the author deletes their own; 404 for anybody else’s)' })
  @Delete('me/comments/:id')
  @HttpCode(204)
  @Public()
  async remove(@Req() req: Request, @Param('id') id: string): Promise<void> {
    const { account } = await this.callers.signedIn(req);
    await this.comments.removeOwn(account, parseInput(idParam, id, 'id'));
  }
}
