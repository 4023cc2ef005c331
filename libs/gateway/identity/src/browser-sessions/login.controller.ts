import { Body, Controller, Get, Header, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { ApiZodBody, NODE_CONFIG } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { clientAddress } from '../auth/client-address.js';
import { csrfHeaderRequired } from './browser-session.exception.js';
import { BrowserSessions } from './browser-sessions.js';
import { loginForm, loginFormDocument, loginLanguage, type LoginLanguage } from './login.dto.js';
import { loginPage, type LoginMessage } from './login-page.js';
import { safeNextPath } from './safe-next-path.js';
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  clearedSessionCookie,
  cookieSecure,
  lacksCsrfHeader,
  readSessionCookie,
  sessionCookie,
} from './session-cookie.js';

/** Statuses of the page after a failed attempt. */
const FAILURE_STATUS: Record<LoginMessage['kind'], number> = {
  incomplete: 400,
  'wrong-credentials': 401,
  'cross-origin': 403,
  throttled: 429,
  unavailable: 503,
};

/**
 * 门户登录 — the gateway signs people in for the portal (backend-for-frontend): its own page at
 * `/login`, a session cookie on success, `/logout` to end it. Public routes: the page and the form
 * are how one gets a session; sign-out is authenticated by the cookie it ends.
 */
@ApiTags('门户登录 portal sign-in')
@Controller()
export class LoginController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly sessions: BrowserSessions,
  ) {}

  @Get('login')
  @Public()
  @ApiOperation({ summary: '登录页 — the sign-in page (HTML, no script)' })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'next', required: false, description: 'a path of this origin to go to after signing in' })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh-CN', 'en'] })
  @ApiResponse({ status: 200, description: 'the page', content: { 'text/html': {} } })
  page(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    this.render(res, 200, loginLanguage(query['lang']), safeNextPath(query['next']));
  }

  /**
   * Signs in with the password grant's checks and throttling. Success: 303 to `next` with the
   * session cookie; failure: the page again with the reason (400, 401, 403, 429 with Retry-After, 503).
   */
  @Post('login')
  @Public()
  @ApiOperation({ summary: '登录 — sign in with the form; 303 to next with the session cookie' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiZodBody(loginFormDocument)
  @ApiProduces('text/html')
  @ApiResponse({ status: 303, description: 'signed in: Set-Cookie govdata_session, Location next' })
  @ApiResponse({ status: 401, description: 'the page again: wrong username or password', content: { 'text/html': {} } })
  @ApiResponse({
    status: 429,
    description: 'the page again: too many failures, Retry-After',
    content: { 'text/html': {} },
  })
  async signIn(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const language = loginLanguage(form['lang']);
    const next = safeNextPath(form['next']);
    // Shown again in the form, at most as long as a username may be.
    const typed = typeof form['username'] === 'string' ? form['username'].slice(0, 64) : undefined;
    const fail = (message: LoginMessage) =>
      this.render(res, FAILURE_STATUS[message.kind], language, next, message, typed);
    if (!this.fromThisSite(req)) return fail({ kind: 'cross-origin' });
    const input = loginForm.safeParse(form);
    if (!input.success) return fail({ kind: 'incomplete' });
    let id: string;
    try {
      id = await this.sessions.open(input.data.username, input.data.password, clientAddress(req));
    } catch (error) {
      const failure = failureOf(error);
      if (!failure) throw error;
      if (failure.kind === 'throttled') res.setHeader('Retry-After', String(failure.retryAfterSeconds));
      return fail(failure);
    }
    // A session this browser held before ends now rather than idling out.
    const previous = readSessionCookie(req.headers.cookie);
    if (previous) await this.sessions.close(previous);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Set-Cookie', sessionCookie(id, cookieSecure(req, this.config)));
    res.redirect(303, next);
  }

  /** 退出登录 — ends the cookie's session on the server and revokes its token; 204 also without one. */
  @Post('logout')
  @Public()
  @HttpCode(204)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: '退出登录 — end the portal session (cookie) and revoke its token' })
  @ApiHeader({ name: CSRF_HEADER, required: false, description: `${CSRF_HEADER_VALUE}, required with the cookie` })
  @ApiResponse({ status: 204, description: 'signed out; the cookie is cleared' })
  @ApiResponse({ status: 403, description: `the cookie without the ${CSRF_HEADER} header` })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const id = readSessionCookie(req.headers.cookie);
    if (id) {
      if (lacksCsrfHeader(req)) throw csrfHeaderRequired(req.method);
      await this.sessions.close(id);
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(cookieSecure(req, this.config)));
  }

  private render(
    res: Response,
    status: number,
    language: LoginLanguage,
    next: string,
    message?: LoginMessage,
    username?: string,
  ): void {
    res.status(status).setHeader('Cache-Control', 'no-store');
    // The form's post must name this page's origin (see fromThisSite); under the node-wide
    // `no-referrer` a browser sends `Origin: null` instead.
    res.setHeader('Referrer-Policy', 'same-origin');
    res.type('html').send(loginPage({ nodeName: this.config.node.name, next, language, username, message }));
  }

  /**
   * Login CSRF: a browser's form post says where it comes from — `Sec-Fetch-Site` (sent to secure
   * origins and localhost) or `Origin`; one from another site, or an opaque `Origin: null`, is
   * refused. Clients that send neither (curl, old browsers) are let through: they are not a forged form.
   */
  private fromThisSite(req: Request): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin';
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    try {
      const from = new URL(origin);
      return from.host === req.headers.host || from.origin === new URL(this.config.identity.issuer).origin;
    } catch {
      return false;
    }
  }
}

/** The page's message for a refused sign-in; undefined for errors that are not about signing in. */
function failureOf(error: unknown): LoginMessage | undefined {
  if (!(error instanceof GovdataError)) return undefined;
  if (error.code === ErrorCode.Unauthenticated) return { kind: 'wrong-credentials' };
  if (error.code === ErrorCode.Unavailable) return { kind: 'unavailable' };
  if (error.code === ErrorCode.TooManyRequests) {
    const seconds = error.extra['retryAfterSeconds'];
    return { kind: 'throttled', retryAfterSeconds: typeof seconds === 'number' ? seconds : 1 };
  }
  return undefined;
}
