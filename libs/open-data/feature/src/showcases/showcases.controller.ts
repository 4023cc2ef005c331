import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { decodeListCursor } from '../datasets/list-cursor.js';
import { pageOf } from '../paging/keyset-cursor.js';
import { OpenCallers } from '../people/open-callers.js';
import { SHOWCASE_KINDS } from './showcase.js';
import { ShowcaseRepository } from './showcase.repository.js';
import {
  ownShowcaseView,
  publicShowcaseView,
  ShowcaseViews,
  type OwnShowcaseView,
  type PublicShowcaseView,
} from './showcase-views.js';
import { ShowcasesService } from './showcases.service.js';

export const showcaseBody = z
  .object({
    title: z.string().trim().min(1, '请填写名称 (a title)').max(100),
    description: z.string().trim().min(10, '简介至少 10 个字 (at least 10 characters)').max(2_000),
    kind: z.enum(SHOWCASE_KINDS),
    url: z
      .url({ protocol: /^https?$/, error: '须为 http 或 https 网址 (an http or https URL)' })
      .max(500, '网址最长 500 个字符 (at most 500 characters)'),
    datasetIds: z
      .array(z.uuid())
      .min(1, '至少选择一个使用的数据集 (at least one dataset)')
      .max(50, '最多 50 个数据集 (at most 50 datasets)'),
  })
  .strict();
const listQuery = z
  .object({
    datasetId: z.uuid().optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
const idParam = z.uuid();

/**
 * 应用成果展示 — what people built on the node's open data: approved showcases for everybody; a
 * real-name person submits theirs and follows its review. Public at the Nest level; the open-data
 * service checks its own session cookie (and the CSRF header on changes) where a person is needed.
 */
@ApiTags('open data people 开放门户用户')
@Controller('api/v1/open-data')
export class ShowcasesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callers: OpenCallers,
    private readonly showcases: ShowcasesService,
    private readonly stored: ShowcaseRepository,
    private readonly views: ShowcaseViews,
  ) {}

  @ApiOperation({ summary: '应用成果 (approved showcases, newest first; ?datasetId, ?after, ?limit)' })
  @ApiQuery({ name: 'datasetId', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @Get('showcases')
  @Public()
  async list(@Query() query: unknown): Promise<{ items: PublicShowcaseView[]; next: string | null }> {
    const q = parseInput(listQuery, query);
    const records = await this.stored.listApproved(this.dataSource.manager, {
      datasetId: q.datasetId,
      after: q.after ? decodeListCursor(q.after) : undefined,
      limit: q.limit + 1,
    });
    const page = pageOf(records, q.limit, (s) => ({ at: s.decidedAt!, id: s.id }));
    return { items: await this.views.map(page.items, publicShowcaseView), next: page.next };
  }

  @ApiOperation({ summary: '应用成果详情 (an approved showcase)' })
  @Get('showcases/:id')
  @Public()
  async get(@Param('id') id: string): Promise<PublicShowcaseView> {
    const found = await this.showcases.shown(parseInput(idParam, id, 'id'));
    return (await this.views.map([found], publicShowcaseView))[0]!;
  }

  @ApiOperation({
    summary: '提交应用成果 (real name required: title, description, kind, URL, the open datasets it uses)',
  })
  @ApiZodBody(showcaseBody)
  @Post('showcases')
  @Public()
  async submit(@Req() req: Request, @Body() body: unknown): Promise<OwnShowcaseView> {
    const { account } = await this.callers.signedIn(req);
    const input = parseInput(showcaseBody, body);
    const created = await this.showcases.submit(account, input);
    return (await this.views.map([created], ownShowcaseView))[0]!;
  }

  @ApiOperation({ summary: '我的应用成果 (every state, with the refusal’s reason; newest first)' })
  @Get('me/showcases')
  @Public()
  async mine(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ items: OwnShowcaseView[] }> {
    const { account } = await this.callers.signedIn(req);
    res.setHeader('cache-control', 'no-store');
    const records = await this.stored.listOfAccount(this.dataSource.manager, account.id);
    return { items: await this.views.map(records, ownShowcaseView) };
  }
}
