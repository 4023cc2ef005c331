import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, asGovdataError, toProblemDetails, ErrorCode } from '@govdata/platform-errors';
import { toRpcException } from '@govdata/platform-grpc';
import { EventContext } from '@govdata/platform-messaging';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';

/** Answers that may say when to try again (RFC 9110 §10.2.3): 429 and 503. */
const RETRY_AFTER_CODES: ReadonlySet<ErrorCode> = new Set([ErrorCode.TooManyRequests, ErrorCode.Unavailable]);

/**
 * One error model on every transport: HTTP answers application/problem+json, gRPC a status code
 * with the same message. Unexpected errors are logged with their stack and answered as a bare 500.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // Event handlers: the event transport retries, logs and dead-letters with the real reason.
    if (host.getType() === 'rpc' && host.getArgByIndex(1) instanceof EventContext) return throwError(() => exception);
    const known = asGovdataError(exception);
    if (known.code === ErrorCode.Internal) this.logger.error({ err: exception }, 'unhandled error');
    if (host.getType() === 'rpc') {
      return throwError(() => toRpcException(known).getError());
    }
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblemDetails(known, request.originalUrl);
    const retryAfter = known.extra['retryAfterSeconds'];
    if (RETRY_AFTER_CODES.has(known.code) && typeof retryAfter === 'number') {
      response.setHeader('Retry-After', String(retryAfter));
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
