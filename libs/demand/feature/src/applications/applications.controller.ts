import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiProblems, ApiZodBody, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { LegalGroundRule } from '../legal-grounds/legal-ground.exception.js';
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
import { ApplicationRule } from './application.exception.js';
import { ApplicationReadService } from './application-read.service.js';
import type { ApplicationView } from './application.types.js';
import { AnswerApplicationUseCase } from './answer-application.usecase.js';
import { ApproveApplicationUseCase } from './approve-application.usecase.js';
import { ContestRefusalUseCase } from './contest-refusal.usecase.js';
import { RejectApplicationUseCase } from './reject-application.usecase.js';
import { RevokeApplicationUseCase } from './revoke-application.usecase.js';
import { RuleOnContestUseCase } from './rule-on-contest.usecase.js';
import { SubmitApplicationUseCase } from './submit-application.usecase.js';
import { WithdrawApplicationUseCase } from './withdraw-application.usecase.js';

/** Rules a grant's terms can break, wherever terms are set. */
const TERMS_RULES = [
  ApplicationRule.EntryShareable,
  ApplicationRule.FutureDate,
  ApplicationRule.WithinRequested,
  ApplicationRule.EntryItem,
] as const;

/**
 * 数据供需对接 — `/api/v1/demand/applications`: 线上申请, 线上审核. The applicant's department
 * approves, the provider reviews (or registers uncatalogued data), the data authority reviews 重要数据
 * or on referral and rules on contests; both organisations read the same timeline.
 */
@ApiTags('demand applications 供需对接')
@Controller('api/v1/demand/applications')
export class ApplicationsController {
  constructor(
    private readonly reads: ApplicationReadService,
    private readonly submitApplication: SubmitApplicationUseCase,
    private readonly approveApplication: ApproveApplicationUseCase,
    private readonly rejectApplication: RejectApplicationUseCase,
    private readonly answerApplication: AnswerApplicationUseCase,
    private readonly contestRefusal: ContestRefusalUseCase,
    private readonly ruleOnContest: RuleOnContestUseCase,
    private readonly withdrawApplication: WithdrawApplicationUseCase,
    private readonly revokeApplication: RevokeApplicationUseCase,
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
  @ApiProblems(
    ApplicationRule.NotShareable,
    ApplicationRule.OwnEntry,
    ApplicationRule.OtherOrganisation,
    ApplicationRule.KnownOrganisation,
    ApplicationRule.FutureDate,
    ApplicationRule.MaxValidity,
    ApplicationRule.EntryItem,
  )
  file(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<ApplicationView> {
    return this.submitApplication.execute(principal, parseInput(fileApplicationBody, body));
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
  @ApiProblems(ApplicationRule.ProviderReviewOnly, ...TERMS_RULES)
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.approveApplication.execute(p, applicationIdOf(id), parseInput(approveBody, body ?? {}));
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
  @ApiProblems(ApplicationRule.CommentRequired, LegalGroundRule.Required)
  reject(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.rejectApplication.execute(p, applicationIdOf(id), parseInput(rejectBody, body ?? {}));
  }

  @Post(':id/answer')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '编目答复 (answer a request for uncatalogued data with the entry registered for it)',
    description: 'provider-reviewer of the provider organisation; the entry must be published.',
  })
  @ApiZodBody(answerBody)
  @ApiProblems(ApplicationRule.ProviderEntry, ApplicationRule.NotShareable, ApplicationRule.FutureDate)
  answer(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.answerApplication.execute(p, applicationIdOf(id), parseInput(answerBody, body ?? {}));
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
    return this.contestRefusal.execute(p, applicationIdOf(id), parseInput(contestBody, body ?? {}));
  }

  @Post(':id/contest-decision')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({
    summary: '异议裁决 (rule on a contest: uphold the refusal or overturn it)',
    description: "data-admin of the provider's node.",
  })
  @ApiZodBody(contestDecisionBody)
  @ApiProblems(...TERMS_RULES)
  decideContest(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.ruleOnContest.execute(p, applicationIdOf(id), parseInput(contestDecisionBody, body ?? {}));
  }

  @Post(':id/withdraw')
  @RequirePermission('demand.application.decide')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回申请 (withdraw)', description: 'demand-applicant of the applicant organisation.' })
  @ApiZodBody(withdrawBody)
  withdraw(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.withdrawApplication.execute(p, applicationIdOf(id), parseInput(withdrawBody, body ?? {}));
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
  @ApiProblems(LegalGroundRule.Required)
  revoke(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.revokeApplication.execute(p, applicationIdOf(id), parseInput(revokeBody, body ?? {}));
  }
}

/** The application named in the path (400 naming `id` unless a UUID), checked before the body. */
function applicationIdOf(id: string): string {
  return parseInput(applicationId, id, 'id');
}
