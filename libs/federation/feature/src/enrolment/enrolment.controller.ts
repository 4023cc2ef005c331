import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { NODE_LEVELS } from '@govdata/codes';
import { CurrentPrincipal, Public, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiProblems, ApiZodBody, parseInput } from '@govdata/platform-service';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApproveEnrolmentUseCase } from './approve-enrolment.usecase.js';
import { EnrolmentRule } from './enrolment.exception.js';
import { EnrolmentService } from './enrolment.service.js';
import { IssueEnrolmentTokenUseCase } from './issue-enrolment-token.usecase.js';
import { RejectEnrolmentUseCase } from './reject-enrolment.usecase.js';
import { RequestEnrolmentUseCase } from './request-enrolment.usecase.js';

const newToken = z
  .object({
    childCode: z
      .string()
      .regex(
        /^(\d{6}|[0-9A-HJ-NPQRTUWXY]{18})$/,
        '6 位行政区划代码或 18 位统一社会信用代码 (a 6-digit division code or an 18-character USCC)',
      ),
    childName: z.string().trim().min(1).max(200),
    level: z.enum(NODE_LEVELS),
    expiresInDays: z.number().int().min(1).max(30).default(7),
  })
  .strict();

const enrolmentRequest = z
  .object({
    token: z.string().min(16).max(200),
    csr: z
      .string()
      .includes('CERTIFICATE REQUEST', { message: 'PEM 格式的证书请求 (a PEM certificate request)' })
      .max(20_000),
  })
  .strict();

const approval = z
  .object({ validityDays: z.number().int().min(1).max(3650).optional() })
  .strict()
  .default({});

const rejection = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();

const idParam = z.uuid('入网申请 ID（UUID） (an enrolment id (UUID))');
const statusQuery = z.enum(['pending', 'approved', 'rejected']).optional();
const tokenQuery = z
  .string({ message: '入网时发放的入网令牌 (the enrolment token given at enrolment)' })
  .min(16)
  .max(200);

/**
 * 入网 — a child node asks its parent for a node certificate. The request and the answer are public
 * routes authenticated by the one-time enrolment token; issuing tokens and deciding are for the
 * node's operators.
 */
@ApiTags('federation enrolment 节点入网')
@Controller('api/v1/federation')
export class EnrolmentController {
  constructor(
    private readonly enrolments: EnrolmentService,
    private readonly issueEnrolmentToken: IssueEnrolmentTokenUseCase,
    private readonly requestEnrolment: RequestEnrolmentUseCase,
    private readonly approveEnrolment: ApproveEnrolmentUseCase,
    private readonly rejectEnrolment: RejectEnrolmentUseCase,
  ) {}

  @Post('enrolment-tokens')
  @RequirePermission('federation.enrolment.token')
  @ApiOperation({ summary: '签发入网令牌 (one-time enrolment token naming the child; shown once)' })
  @ApiZodBody(newToken)
  @ApiProblems(EnrolmentRule.LevelOfCode, EnrolmentRule.Subtree)
  async issueToken(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.issueEnrolmentToken.execute(principal, parseInput(newToken, body));
  }

  @Post('enrolments')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: '子节点提交证书请求 (a child sends its CSR with its enrolment token)' })
  @ApiZodBody(enrolmentRequest)
  @ApiProblems(EnrolmentRule.CodeMismatch)
  async request(@Body() body: unknown) {
    return this.requestEnrolment.execute(parseInput(enrolmentRequest, body));
  }

  @Get('enrolments')
  @RequirePermission('federation.enrolment.manage')
  @ApiOperation({ summary: '入网申请列表 (enrolment requests, by status)' })
  async list(@Query('status') status: unknown) {
    return { items: await this.enrolments.list(parseInput(statusQuery, status, 'status')) };
  }

  @Get('enrolments/:id')
  @Public()
  @ApiOperation({ summary: '子节点查询入网结果 (the child fetches its answer with its token)' })
  async answer(@Param('id') id: string, @Query('token') token: unknown) {
    return this.enrolments.answer(parseInput(idParam, id, 'id'), parseInput(tokenQuery, token, 'token'));
  }

  @Post('enrolments/:id/approve')
  @RequirePermission('federation.enrolment.manage')
  @HttpCode(200)
  @ApiOperation({ summary: '批准入网并签发节点证书 (sign the child certificate)' })
  @ApiZodBody(approval)
  @ApiProblems(EnrolmentRule.Certified)
  async approve(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const input = parseInput(approval, body ?? {});
    return this.approveEnrolment.execute(parseInput(idParam, id, 'id'), principal, input.validityDays);
  }

  @Post('enrolments/:id/reject')
  @RequirePermission('federation.enrolment.manage')
  @HttpCode(200)
  @ApiOperation({ summary: '驳回入网申请 (reject, with a reason)' })
  @ApiZodBody(rejection)
  async reject(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const input = parseInput(rejection, body);
    return this.rejectEnrolment.execute(parseInput(idParam, id, 'id'), principal, input.reason);
  }
}
