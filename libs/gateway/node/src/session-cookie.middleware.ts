import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import {
  BrowserSessions,
  clearedSessionCookie,
  cookieSecure,
  csrfHeaderRequired,
  lacksCsrfHeader,
  readSessionCookie,
  sessionEnded,
} from '@govdata/gateway-identity';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { NextFunction, Request, Response } from 'express';

/**
 * The portal's cookie as a bearer token: an `/api/v1/**` request with the session cookie and no
 * Authorization header gets `Authorization: Bearer <the session's token>` before the gateway's
 * guards and its proxy see it, so every service checks the token as for any other client. Unsafe
 * methods must carry the anti-CSRF header (403 naming it); a cookie whose session ended is a 401
 * that also clears the cookie.
 */
@Injectable()
export class SessionCookieMiddleware implements NestMiddleware {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly sessions: BrowserSessions,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const id = req.headers.authorization === undefined ? readSessionCookie(req.headers.cookie) : undefined;
    if (!id) return next();
    if (lacksCsrfHeader(req)) throw csrfHeaderRequired(req.method);
    const token = await this.sessions.tokenFor(id);
    if (!token) {
      res.setHeader('Set-Cookie', clearedSessionCookie(cookieSecure(req, this.config)));
      throw sessionEnded();
    }
    req.headers.authorization = `Bearer ${token}`;
    next();
  }
}
