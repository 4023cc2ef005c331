import { Body, Controller, Header, HttpCode, Inject, Post, Req } from '@nestjs/common';
import {
  CurrentPrincipal,
  RequirePermission,
  TOKEN_VERIFIER,
  type Principal,
  type TokenVerifier,
} from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { ApiProblems, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import type { Request } from 'express';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { Sessions } from './sessions.js';
import { SessionRule } from './session.exception.js';

/** RFC 7009 §2.1: the token to revoke; without one, the bearer token of the request itself (sign out). */
const revokeBody = z
  .object({
    token: z.string().min(1).max(8_192).optional(),
    token_type_hint: z.enum(['access_token']).optional(),
  })
  .strict();

/** `POST /api/v1/auth/revoke` — 退出登录: ends a token of the caller's own, at every service of the node. */
@Controller('api/v1/auth')
export class SessionsController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly sessions: Sessions,
  ) {}

  /**
   * Revokes the bearer token (or the `token` given, if it is the caller's). 200 with no body, also for
   * a token that is already invalid (RFC 7009 §2.2); 403 for another subject's token.
   */
  @Post('revoke')
  @RequirePermission('identity.me')
  @HttpCode(200)
  @ApiProblems(SessionRule.IssuedByThisNode)
  @Header('Cache-Control', 'no-store')
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: Request,
  ): Promise<void> {
    const input = parseInput(revokeBody, body ?? {});
    let token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')![1]!;
    if (input.token !== undefined && input.token !== token) {
      let holder: Principal;
      try {
        holder = await this.verifier.verify(input.token);
      } catch (error) {
        if (error instanceof GovdataError && error.httpStatus === 503) throw error;
        return; // already unusable: nothing to revoke
      }
      if (holder.subject !== principal.subject || holder.kind !== principal.kind) {
        throw GovdataError.forbidden(
          '令牌只能由其所属账号撤销 (a token can only be revoked by the account it was issued to)',
        );
      }
      token = input.token;
    }
    const claims = decodeJwt(token);
    if (claims.iss !== this.config.identity.issuer) {
      throw GovdataError.rule(
        'token',
        SessionRule.IssuedByThisNode,
        '此处只能撤销本节点签发的令牌 (only tokens issued by this node can be revoked here)',
      );
    }
    await this.sessions.revokeToken(claims.jti!, claims.sub!, claims.exp!);
  }
}
