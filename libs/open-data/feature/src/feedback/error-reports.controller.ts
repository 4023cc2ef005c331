import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { OpenCallers } from '../people/open-callers.js';
import type { ErrorReportRecord } from './feedback.js';
import { FeedbackRepository } from './feedback.repository.js';
import { FeedbackService } from './feedback.service.js';
import { errorReportView, type ErrorReportView } from './feedback-views.js';

export const errorReportBody = z
  .object({
    /** The table the error is in, if the dataset has several. */
    resourceId: z.uuid().optional(),
    /** The item (信息项) that is wrong, if one is. */
    item: z.string().trim().min(1).max(200).optional(),
    /** Which record, in the reporter's words (a name, a code, a row number). */
    rowHint: z.string().trim().min(1).max(500).optional(),
    description: z.string().trim().min(10, '请说明错在哪里、应当是什么 (at least 10 characters)').max(2_000),
  })
  .strict();
export const errorReportAnswerBody = z
  .object({
    outcome: z.enum(['corrected', 'rejected']),
    answer: z.string().trim().min(2, '请写明核实结果 (say what was found)').max(2_000),
  })
  .strict();
const queueQuery = z
  .object({
    status: z.enum(['open', 'corrected', 'rejected']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
const idParam = z.uuid();

/**
 * 纠错 — a signed-in person reports an error in an open dataset; the report goes to the dataset's
 * providing department, which answers corrected or checked-and-right within its working days; the
 * reporter follows it on `me/error-reports`, the department works `error-reports`.
 */
@ApiTags('open data 数据开放')
@Controller('api/v1/open-data')
export class ErrorReportsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callers: OpenCallers,
    private readonly service: FeedbackService,
    private readonly stored: FeedbackRepository,
    private readonly datasets: DatasetRepository,
  ) {}

  @ApiOperation({ summary: '纠错 (signed in: what is wrong, optionally the table, the item and the record)' })
  @ApiZodBody(errorReportBody)
  @Post('datasets/:id/error-reports')
  @Public()
  async submit(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<ErrorReportView> {
    const { account } = await this.callers.signedIn(req);
    const datasetId = parseInput(idParam, id, 'id');
    const report = await this.service.submitReport(account, datasetId, parseInput(errorReportBody, body));
    return (await this.views([report]))[0]!;
  }

  @ApiOperation({ summary: '我的纠错 (the signed-in person’s error reports and the answers)' })
  @Get('me/error-reports')
  @Public()
  async mine(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ items: ErrorReportView[] }> {
    const { account } = await this.callers.signedIn(req);
    res.setHeader('cache-control', 'no-store');
    return { items: await this.views(await this.stored.reportsOf(this.dataSource.manager, account.id)) };
  }

  @ApiOperation({ summary: '纠错处理队列 (?status=open|corrected|rejected; a department sees its own datasets’)' })
  @Get('error-reports')
  @RequirePermission('open-data.error-report.read')
  async queue(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<{ items: ErrorReportView[] }> {
    const q = parseInput(queueQuery, query);
    const nodeWide = this.service.nodeWide(principal, 'open-data.error-report.read');
    const records = await this.stored.reportQueue(this.dataSource.manager, {
      status: q.status,
      organisationId: nodeWide ? undefined : principal.organisationId,
      limit: q.limit,
    });
    return { items: await this.views(records) };
  }

  @ApiOperation({ summary: '纠错详情 (one error report)' })
  @Get('error-reports/:id')
  @RequirePermission('open-data.error-report.read')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ErrorReportView> {
    const report = await this.service.visibleReport(principal, parseInput(idParam, id, 'id'));
    return (await this.views([report]))[0]!;
  }

  @ApiOperation({
    summary: '答复纠错 (the providing department: corrected, or checked and right — with what was found)',
  })
  @ApiZodBody(errorReportAnswerBody)
  @Post('error-reports/:id/answer')
  @HttpCode(200)
  @RequirePermission('open-data.error-report.answer')
  async answer(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ErrorReportView> {
    const reportId = parseInput(idParam, id, 'id');
    const answered = await this.service.answerReport(principal, reportId, parseInput(errorReportAnswerBody, body));
    return (await this.views([answered]))[0]!;
  }

  private async views(records: readonly ErrorReportRecord[]): Promise<ErrorReportView[]> {
    const ids = [...new Set(records.map((r) => r.datasetId))];
    const found = ids.length ? await this.datasets.findByIds(this.dataSource.manager, ids) : [];
    const byId = new Map(found.map((d) => [d.id, d]));
    const today = this.service.today();
    return records.map((r) => errorReportView(r, byId, today));
  }
}
