import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { Public } from '@govdata/platform-auth';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { parseInput, unsafeStrings } from '@govdata/platform-service';
import type { Request } from 'express';
import { clientAddress } from './client-address.js';
import { clientCredentialsGrant, GRANT_TYPES, passwordGrant, type TokenResponse } from './token.dto.js';
import { TokenService } from './token.service.js';

/**
 * OAuth 2.0 token endpoint (RFC 6749 §3.2), JSON or `application/x-www-form-urlencoded`.
 * Errors are problem+json like every other route, with the RFC 6749 `error` code added.
 */
@Controller('api/v1/auth')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(@Body() body: unknown, @Req() request: Request): Promise<TokenResponse> {
    const form = { ...(typeof body === 'object' && body !== null ? body : {}) } as Record<string, unknown>;
    const address = clientAddress(request);
    const grantType = form['grant_type'];
    if (grantType === 'password') {
      const input = parseInput(passwordGrant, form);
      return this.tokens.passwordGrant(input.username, input.password, address);
    }
    if (grantType === 'client_credentials') {
      Object.assign(form, basicCredentials(request.headers.authorization, form));
      const input = parseInput(clientCredentialsGrant, form);
      return this.tokens.clientCredentialsGrant(input.client_id, input.client_secret, address);
    }
    const missing = grantType === undefined || grantType === '';
    throw new GovdataError(
      ErrorCode.ValidationFailed,
      missing
        ? 'grant_type 为必填 (grant_type is required)'
        : `不支持 grant_type ${String(grantType)}；请使用 ${GRANT_TYPES.join(' 或 ')} (grant_type ${String(grantType)} is not supported; use ${GRANT_TYPES.join(' or ')})`,
      [
        {
          path: 'grant_type',
          rule: missing ? 'required' : 'unsupported_grant_type',
          message: `取值须为 ${GRANT_TYPES.join(', ')} 之一 (must be one of ${GRANT_TYPES.join(', ')})`,
        },
      ],
      { error: missing ? 'invalid_request' : 'unsupported_grant_type' },
    );
  }
}

/** Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1), unless the body carries them. */
function basicCredentials(header: string | undefined, form: Record<string, unknown>): Record<string, string> {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match || form['client_id'] !== undefined) return {};
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  let credentials: Record<string, string>;
  try {
    credentials = {
      client_id: decodeURIComponent(decoded.slice(0, colon)),
      client_secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return {};
  }
  // The edge checks bodies and URLs; credentials decoded from a header are checked here.
  const problems = unsafeStrings(credentials, 'authorization');
  if (problems.length > 0) throw GovdataError.validation(problems);
  return credentials;
}
