import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { parseInput, NODE_CONFIG, servesOverTls } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { clientAddress, OPEN_ACCESS_LIMITS } from '../access/open-access-limits.js';
import { ApiKeysService, DEFAULT_DAILY_QUOTA, MAX_DAILY_QUOTA, type ApiKeyView } from './api-keys.service.js';
import { callerClassOf, maskIdentifier, type OpenAccount } from './open-account.js';
import { OpenCallers } from './open-callers.js';
import { OpenPeopleService } from './open-people.service.js';
import { clearedOpenSessionCookie, openSessionCookie } from './open-session-cookie.js';
import { RealNameService } from './real-name.service.js';

const identifier = z.string().trim().min(1).max(254);
const password = z.string().min(1).max(256);
const registerBody = z.object({ identifier, password }).strict();
const resendBody = z.object({ identifier }).strict();
const verifyBody = z
  .object({
    identifier,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '6 位数字验证码 (a 6-digit code)'),
  })
  .strict();
const signInBody = z.object({ identifier, password }).strict();
const name = z.string().trim().min(1).max(100);
const realNameBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('company'), name, creditCode: z.string().trim().min(1).max(30) }).strict(),
  z.object({ kind: z.literal('person'), name, idNumber: z.string().trim().min(1).max(30) }).strict(),
]);
const apiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    dailyQuota: z.number().int().min(1).max(MAX_DAILY_QUOTA).default(DEFAULT_DAILY_QUOTA),
  })
  .strict();

/** What a person sees of their own account. */
export interface MeView {
  id: string;
  channel: OpenAccount['channel'];
  identifier: string;
  class: 'registered' | 'realName';
  limits: (typeof OPEN_ACCESS_LIMITS)['registered' | 'realName'];
  realName: OpenAccount['realName'];
  createdAt: string;
}

function me(account: OpenAccount): MeView {
  const cls = callerClassOf(account) as MeView['class'];
  return {
    id: account.id,
    channel: account.channel,
    identifier: maskIdentifier(account.identifier),
    class: cls,
    limits: OPEN_ACCESS_LIMITS[cls],
    realName: account.realName,
    createdAt: account.createdAt,
  };
}

/**
 * 开放门户用户 — `/api/v1/open-data`: registration, verification, sign-in and the signed-in
 * person's own account, 实名认证 and API keys. Public at the Nest level: these people are not staff
 * and the open-data service authenticates them itself (its session cookie, see {@link OpenCallers}).
 */
@ApiTags('open data people 开放门户用户')
@Controller('api/v1/open-data')
export class PeopleController {
  constructor(
    private readonly people: OpenPeopleService,
    private readonly callers: OpenCallers,
    private readonly realNames: RealNameService,
    private readonly apiKeys: ApiKeysService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @ApiOperation({ summary: '注册 (register with a mobile number or e-mail and a password; a 6-digit code is sent)' })
  @Post('accounts')
  @Public()
  register(@Body() body: unknown, @Req() req: Request) {
    const b = parseInput(registerBody, body);
    return this.people.register(b.identifier, b.password, clientAddress(req));
  }

  @ApiOperation({ summary: '重新发送验证码 (send a new code to an account not yet verified)' })
  @Post('accounts/verification-code')
  @HttpCode(202)
  @Public()
  resend(@Body() body: unknown) {
    return this.people.resend(parseInput(resendBody, body).identifier);
  }

  @ApiOperation({ summary: '验证 (prove the phone or e-mail with the code: 10 minutes, 5 tries)' })
  @Post('accounts/verify')
  @HttpCode(200)
  @Public()
  async verify(@Body() body: unknown): Promise<{ verified: true }> {
    const b = parseInput(verifyBody, body);
    await this.people.verify(b.identifier, b.code);
    return { verified: true };
  }

  @ApiOperation({ summary: '登录 (sign in: sets the HttpOnly govdata_open_session cookie)' })
  @Post('session')
  @HttpCode(200)
  @Public()
  async signIn(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<MeView> {
    const b = parseInput(signInBody, body);
    const { token, account } = await this.people.signIn(b.identifier, b.password, clientAddress(res.req));
    res.setHeader('set-cookie', openSessionCookie(token, this.secure(res.req)));
    res.setHeader('cache-control', 'no-store');
    return me(account);
  }

  @ApiOperation({ summary: '退出登录 (sign out; X-Requested-With: govdata-open-portal)' })
  @Delete('session')
  @HttpCode(204)
  @Public()
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const { token } = await this.callers.signedIn(req);
    await this.people.signOut(token);
    res.setHeader('set-cookie', clearedOpenSessionCookie(this.secure(req)));
  }

  @ApiOperation({ summary: '我的账号 (the signed-in person: class, limits, 实名认证)' })
  @Get('me')
  @Public()
  async me(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<MeView> {
    res.setHeader('cache-control', 'no-store');
    return me((await this.callers.signedIn(req)).account);
  }

  @ApiOperation({
    summary:
      '实名认证 (company: 统一社会信用代码 check digit only; person: 公民身份号码 and a yes/no call to the population data through the exchange, 503 when not configured)',
  })
  @Post('me/real-name')
  @HttpCode(200)
  @Public()
  async realName(@Req() req: Request, @Body() body: unknown) {
    const { account } = await this.callers.signedIn(req);
    return this.realNames.verify(account, parseInput(realNameBody, body));
  }

  @ApiOperation({ summary: '我的密钥 (API keys of my applications, with today’s use)' })
  @Get('me/api-keys')
  @Public()
  async listKeys(@Req() req: Request): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.apiKeys.list((await this.callers.signedIn(req)).account) };
  }

  @ApiOperation({ summary: '创建密钥 (real name required; the key is shown this once)' })
  @Post('me/api-keys')
  @Public()
  async createKey(@Req() req: Request, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { account } = await this.callers.signedIn(req);
    const b = parseInput(apiKeyBody, body);
    res.setHeader('cache-control', 'no-store');
    return this.apiKeys.create(account, b.name, b.dailyQuota);
  }

  @ApiOperation({ summary: '吊销密钥 (revoke a key: it answers 401 from now on)' })
  @Delete('me/api-keys/:id')
  @HttpCode(204)
  @Public()
  async revokeKey(@Req() req: Request, @Param('id') id: string): Promise<void> {
    const { account } = await this.callers.signedIn(req);
    await this.apiKeys.revoke(account, parseInput(z.uuid(), id, 'id'));
  }

  private secure(req: Request): boolean {
    return req.secure || servesOverTls(this.config);
  }
}
