import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import type { Request, Response } from 'express';
import type { ProviderCallResult } from './provider-call.js';
import { ExchangeCallsService } from './exchange-calls.service.js';

/** Headers of every call's answer that name it in the ledger and in metering. */
export const CALL_ID_HEADER = 'X-Govdata-Call-Id';
export const LEDGER_INDEX_HEADER = 'X-Govdata-Ledger-Index';

const PREFIX = '/api/v1/exchange/calls/';

/**
 * 接口调用 — `/api/v1/exchange/calls/{grantId}/{operation path}`: a consumer system calls an
 * operation of the API resource its grant covers, with its service account's token. The method,
 * the path after the grant id, the query and a JSON body go to the upstream; the answer comes back
 * filtered to the permitted items and masked for the data's grade.
 */
@ApiTags('exchange calls 接口调用')
@Controller('api/v1/exchange/calls')
export class ExchangeCallsController {
  constructor(private readonly calls: ExchangeCallsService) {}

  @ApiOperation({
    summary: '调用接口 (call an operation under a grant; service account with api-consumer)',
    description:
      'Answers carry X-Govdata-Call-Id and X-Govdata-Ledger-Index. 403 no or unusable grant (reason), 429 rate or quota (Retry-After), 502/504 upstream failed or too slow, 503 circuit open or provider node unreachable.',
  })
  @All(':grantId/*path')
  @RequirePermission('exchange.call')
  async call(
    @CurrentPrincipal() principal: Principal,
    @Param('grantId') grantId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const target = request.originalUrl.slice(PREFIX.length + grantId.length);
    const result = await this.calls.call(principal, {
      grantId,
      method: request.method,
      target,
      body: requestBody(request),
      contentType: request.headers['content-type'] ?? null,
    });
    nameCall(response, result);
    if (!result.answered) throw result.error;
    response.status(result.status).type(result.contentType).send(result.body);
  }
}

function nameCall(response: Response, result: ProviderCallResult): void {
  response.setHeader(CALL_ID_HEADER, result.callId);
  if (result.ledgerIndex !== null) response.setHeader(LEDGER_INDEX_HEADER, String(result.ledgerIndex));
}

/** The JSON body Nest parsed, as bytes again; null when the request had none. */
function requestBody(request: Request): Buffer | null {
  const length = Number(request.headers['content-length'] ?? 0);
  if (length === 0 && request.headers['transfer-encoding'] === undefined) return null;
  const body: unknown = request.body;
  if (Buffer.isBuffer(body)) return body;
  // Not JSON: express left it unread; any non-empty marker makes the media-type check refuse it.
  if (
    body === undefined ||
    (typeof body === 'object' && body !== null && Object.keys(body).length === 0 && !request.is('json'))
  ) {
    return Buffer.from(' ');
  }
  return Buffer.from(JSON.stringify(body), 'utf8');
}
