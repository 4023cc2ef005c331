import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ErrorCode, asGovdataError, type GovdataError } from '@govdata/platform-errors';
import { LOGGER } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';

/** CKAN's answer envelope: `help` (where the action is described), `success`, then `result` or `error`. */
export interface CkanSuccess<T> {
  help: string;
  success: true;
  result: T;
}

export type CkanErrorType =
  | 'Validation Error'
  | 'Not Found Error'
  | 'Authorization Error'
  | 'Conflict'
  | 'Bad request - Action Error'
  | 'Service Unavailable'
  | 'Internal Server Error';

export interface CkanFailure {
  help: string;
  success: false;
  error: { __type: CkanErrorType; message?: string } & Record<string, unknown>;
}

/** Thrown for an action name the API does not have (CKAN answers 400 for it). */
export class UnknownCkanAction extends Error {
  constructor(readonly action: string) {
    super(`Bad request - Action name not known: ${action}`);
  }
}

const FIRST = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();

/**
 * The node's address as the caller reached it: the gateway forwards `X-Forwarded-Proto` and
 * `X-Forwarded-Host` (a reverse proxy in front of it may too), so links point where the caller can go.
 */
export function publicBaseUrl(req: Pick<Request, 'headers' | 'protocol'>): string {
  const proto = FIRST(req.headers['x-forwarded-proto']) || req.protocol || 'http';
  const host = FIRST(req.headers['x-forwarded-host']) || req.headers.host || 'localhost';
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

export function helpUrl(baseUrl: string, action: string): string {
  return `${baseUrl}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
}

/** A platform error as CKAN says it: its type, HTTP status, message and the fields it names. */
export function toCkanError(error: GovdataError | UnknownCkanAction): { status: number; error: CkanFailure['error'] } {
  if (error instanceof UnknownCkanAction) {
    return { status: 400, error: { __type: 'Bad request - Action Error', message: error.message } };
  }
  const fields: Record<string, string[]> = {};
  for (const f of error.fields) (fields[f.path || 'message'] ??= []).push(f.message);
  switch (error.code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.RuleViolated:
      return { status: 400, error: { __type: 'Validation Error', message: error.message, ...fields } };
    case ErrorCode.NotFound:
      return { status: 404, error: { __type: 'Not Found Error', message: error.message } };
    case ErrorCode.Unauthenticated:
    case ErrorCode.Forbidden:
      return { status: 403, error: { __type: 'Authorization Error', message: error.message, ...fields } };
    case ErrorCode.Conflict:
      return { status: 409, error: { __type: 'Conflict', message: error.message, ...fields } };
    case ErrorCode.Unavailable:
    case ErrorCode.BadGateway:
    case ErrorCode.GatewayTimeout:
      return { status: error.httpStatus, error: { __type: 'Service Unavailable', message: error.message } };
    default:
      return {
        status: error.httpStatus >= 500 ? error.httpStatus : 400,
        error: {
          __type: error.httpStatus >= 500 ? 'Internal Server Error' : 'Validation Error',
          message: error.message,
        },
      };
  }
}

/** Every failure of the CKAN action API in CKAN's envelope, as CKAN clients parse it. */
@Catch()
export class CkanErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const action = String(req.params?.['action'] ?? '');
    const known = exception instanceof UnknownCkanAction ? exception : asGovdataError(exception);
    if (!(known instanceof UnknownCkanAction) && known.code === ErrorCode.Internal) {
      this.logger.error({ err: exception }, 'unhandled error');
    }
    const { status, error } = toCkanError(known);
    const body: CkanFailure = { help: helpUrl(publicBaseUrl(req), action), success: false, error };
    res.status(status).type('application/json').send(JSON.stringify(body));
  }
}
