import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { OpenCallers } from '../people/open-callers.js';
import { ApplicationViews, type OwnApplicationView } from './application-views.js';
import { SECURITY_COMMITMENT_CODES, type ApplicationRecord } from './open-application.js';
import { OpenApplicationRepository } from './open-application.repository.js';
import { OpenApplicationsService } from './open-applications.service.js';

const isoDate = z.iso.date('日期格式为 YYYY-MM-DD (a date: YYYY-MM-DD)');
export const applicationBody = z
  .object({
    purpose: z.string().trim().min(10, '用途至少 10 个字 (at least 10 characters)').max(2_000),
    scenario: z.string().trim().min(10, '应用场景至少 10 个字 (at least 10 characters)').max(2_000),
    fields: z.array(z.string().trim().min(1).max(200)).min(1, '至少选择一个字段 (at least one field)').max(500),
    commitments: z.array(z.enum(SECURITY_COMMITMENT_CODES)).max(SECURITY_COMMITMENT_CODES.length * 2),
    validUntil: isoDate,
  })
  .strict();
export const signatureBody = z
  .object({ agreementSha256: z.string().regex(/^[0-9a-f]{64}$/, '协议文本的 sha256 (64 hex digits)') })
  .strict();
const idParam = z.uuid();

/**
 * 我的申请 — a signed-in person's applications to use data opened on conditions: submit one for a
 * dataset, follow it, read and sign the agreement the department offers, withdraw. Public at the Nest
 * level; the open-data service checks its own session cookie (and the CSRF header on changes).
 */
@ApiTags('open data people 开放门户用户')
@Controller('api/v1/open-data')
export class MyApplicationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callers: OpenCallers,
    private readonly applications: OpenApplicationsService,
    private readonly stored: OpenApplicationRepository,
    private readonly views: ApplicationViews,
  ) {}

  @ApiOperation({
    summary:
      '申请使用有条件开放数据 (real name required: purpose, scenario, fields, every security commitment, the last day of use)',
  })
  @ApiZodBody(applicationBody)
  @Post('datasets/:id/applications')
  @Public()
  async apply(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<OwnApplicationView> {
    const { account } = await this.callers.signedIn(req);
    const datasetId = parseInput(idParam, id, 'id');
    const input = parseInput(applicationBody, body);
    return this.view(await this.applications.apply(account, datasetId, input));
  }

  @ApiOperation({ summary: '我的申请 (the signed-in person’s applications, newest first)' })
  @Get('me/applications')
  @Public()
  async mine(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ items: OwnApplicationView[] }> {
    const { account } = await this.callers.signedIn(req);
    res.setHeader('cache-control', 'no-store');
    const records = await this.stored.listOfAccount(this.dataSource.manager, account.id);
    return { items: await this.views.own(records) };
  }

  @ApiOperation({ summary: '申请详情 (one of my applications, with the agreement offered or signed)' })
  @Get('me/applications/:id')
  @Public()
  async one(
    @Req() req: Request,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OwnApplicationView> {
    const { account } = await this.callers.signedIn(req);
    res.setHeader('cache-control', 'no-store');
    return this.view(await this.applications.own(account, parseInput(idParam, id, 'id')));
  }

  @ApiOperation({ summary: '签署协议 (accept the agreement offered, named by its sha256: the grant takes effect)' })
  @ApiZodBody(signatureBody)
  @Post('me/applications/:id/signature')
  @HttpCode(200)
  @Public()
  async sign(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<OwnApplicationView> {
    const { account } = await this.callers.signedIn(req);
    const applicationId = parseInput(idParam, id, 'id');
    const { agreementSha256 } = parseInput(signatureBody, body);
    return this.view(await this.applications.sign(account, applicationId, agreementSha256));
  }

  @ApiOperation({ summary: '撤回申请 (withdraw an application in review or awaiting signature, or give up a grant)' })
  @Post('me/applications/:id/withdrawal')
  @HttpCode(200)
  @Public()
  async withdraw(@Req() req: Request, @Param('id') id: string): Promise<OwnApplicationView> {
    const { account } = await this.callers.signedIn(req);
    return this.view(await this.applications.withdraw(account, parseInput(idParam, id, 'id')));
  }

  private async view(record: ApplicationRecord): Promise<OwnApplicationView> {
    return (await this.views.own([record]))[0]!;
  }
}
