import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  answerBody,
  applicationId,
  applicationListQuery,
  approveBody,
  contestBody,
  contestDecisionBody,
  fileApplicationBody,
  rejectBody,
  revokeBody,
  withdrawBody,
} from './application.dto.js';
import { ApplicationReadService } from './application-read.service.js';
import { ApplicationService } from './application.service.js';
import type { ApplicationView } from './application.types.js';
import type { Verb } from './application-workflow.js';

/**
 * 数据供需对接 — `/api/v1/demand/applications`: 线上申请, 线上审核. The applicant's department
 * approves, the provider reviews (or registers uncatalogued data), the data authority reviews 重要数据
 * or on referral and rules on contests; both organisations read the same timeline.
 */
@ApiTags('demand applications 供需对接')
@Controller('api/v1/demand/applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly reads: ApplicationReadService,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @RequirePermission('demand.application.file')
  @ApiOperation({
    summary: '提交数据需求申请 (file an application)',
    description:
      'demand-applicant. For a catalog entry (有条件共享 goes to review; 无条件共享 is granted at once; 不予共享 is refused) or for data not catalogued yet. An entry is named by `entryId` (held here: own or 一本账) or by `entryCode`, which is looked up at the node the code names when not held here (404 when it has no such published entry, 503 when it cannot be reached).',
  })
  @ApiZodBody(fileApplicationBody)
  async file(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<ApplicationView> {
    const input = parseInput(fileApplicationBody, body);
    await this.applications.prepareFiling(principal, input);
    return this.dataSource.transaction((m) => this.applications.file(m, principal, input));
  }

  @Get()
  @RequirePermission('demand.application.read')
  @ApiOperation({
    summary: '申请列表 (applications the caller may see)',
    description: '?view=all|mine|provided|to-review&state=&limit=&offset=',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.reads.list(this.dataSource.manager, principal, parseInput(applicationListQuery, query));
  }

  @Get(':id')
  @RequirePermission('demand.application.read')
  @ApiOperation({ summary: '申请详情与流程 (an application with its timeline)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ApplicationView> {
    return this.reads.get(this.dataSource.manager, principal, parseInput(applicationId, id, 'id'));
  }

  @Get(':id/timeline')
  @RequirePermission('demand.application.read')
  @ApiOperation({ summary: '审核时间线 (every step: who, when, decision, ground, comment, due date, overdue)' })
  async timeline(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const view = await this.reads.get(this.dataSource.manager, principal, parseInput(applicationId, id, 'id'));
    return { items: view.timeline, turn: view.turn };
  }

  @Post(':id/approve')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '审核通过 (approve the pending step)',
    description:
      'department-review: demand-approver of the applicant organisation; provider-review: provider-reviewer of the provider organisation (terms, referToAuthority); authority-review: data-admin of the provider node.',
  })
  @ApiZodBody(approveBody)
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(p, id, 'approve', approveBody, body);
  }

  @Post(':id/reject')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '审核不通过 (reject the pending step)',
    description:
      '非因法定事由不得拒绝: the provider and the authority cite a groundCode from /api/v1/demand/legal-grounds; the department gives a comment.',
  })
  @ApiZodBody(rejectBody)
  reject(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(p, id, 'reject', rejectBody, body);
  }

  @Post(':id/answer')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '编目答复 (answer a request for uncatalogued data with the entry registered for it)',
    description: 'provider-reviewer of the provider organisation; the entry must be published.',
  })
  @ApiZodBody(answerBody)
  answer(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(p, id, 'answer', answerBody, body);
  }

  @Post(':id/contest')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '提出异议 (contest a refusal to the node authority)',
    description: 'demand-applicant of the applicant organisation; once, for a refusal by the provider side.',
  })
  @ApiZodBody(contestBody)
  contest(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(p, id, 'contest', contestBody, body);
  }

  @Post(':id/contest-decision')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '异议裁决 (rule on a contest: uphold the refusal or overturn it)',
    description: "data-admin of the provider's node.",
  })
  @ApiZodBody(contestDecisionBody)
  decideContest(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(p, id, 'decide-contest', contestDecisionBody, body);
  }

  @Post(':id/withdraw')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回申请 (withdraw)', description: 'demand-applicant of the applicant organisation.' })
  @ApiZodBody(withdrawBody)
  withdraw(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(p, id, 'withdraw', withdrawBody, body);
  }

  @Post(':id/revoke')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '撤销授权 (revoke a granted application)',
    description:
      "provider-reviewer of the provider organisation, or data-admin of the provider's node; cites a groundCode. The provider's exchange revokes the grant: later calls are refused (403 grant-revoked). Both nodes show `revoked`.",
  })
  @ApiZodBody(revokeBody)
  revoke(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.decide(p, id, 'revoke', revokeBody, body);
  }

  private decide<S extends z.ZodType>(
    principal: Principal,
    id: string,
    verb: Verb,
    schema: S,
    body: unknown,
  ): Promise<ApplicationView> {
    const applicationIdValue = parseInput(applicationId, id, 'id');
    const input = parseInput(schema, body ?? {}) as Parameters<ApplicationService['decide']>[4];
    return this.dataSource.transaction((m) => this.applications.decide(m, principal, applicationIdValue, verb, input));
  }
}
