import { status as GrpcStatus } from '@grpc/grpc-js';
import { z } from 'zod';
import { ERROR_CODE_MAPPINGS, ErrorCode, errorCodeForGrpcStatus, errorCodeForHttpStatus } from './error-codes.js';
import { GovdataError } from './govdata-error.js';
import { toProblemDetails } from './problem-details.js';

describe('problem details', () => {
  it('names each field and rule of a zod failure with a 400', () => {
    const schema = z.object({ name: z.string().min(1), uscc: z.string().length(18) });
    const parsed = schema.safeParse({ name: '', uscc: '123' });
    const problem = toProblemDetails(GovdataError.fromZod(parsed.error!), '/api/v1/organisations');
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.instance).toBe('/api/v1/organisations');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'name', rule: 'too_small' }),
      expect.objectContaining({ path: 'uscc', rule: 'too_small' }),
    ]);
  });

  it('hides the message of an unexpected error behind a 500', () => {
    const problem = toProblemDetails(new Error('password=secret in connection string'));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain('secret');
  });

  it('keeps the status of a framework HTTP exception', () => {
    const notFound = Object.assign(new Error('Cannot GET /nope'), {
      getStatus: () => 404,
      getResponse: () => 'Cannot GET /nope',
    });
    expect(toProblemDetails(notFound)).toMatchObject({ status: 404, code: 'not_found', detail: 'Cannot GET /nope' });
  });

  it('answers 502 and 504 for a relayed service that failed or timed out, and keeps Retry-After on a 503', () => {
    expect(toProblemDetails(GovdataError.badGateway('upstream down'))).toMatchObject({
      status: 502,
      code: 'bad_gateway',
    });
    expect(toProblemDetails(GovdataError.gatewayTimeout('upstream slow'))).toMatchObject({
      status: 504,
      code: 'gateway_timeout',
    });
    expect(toProblemDetails(GovdataError.unavailable('paused', 30))).toMatchObject({
      status: 503,
      retryAfterSeconds: 30,
    });
    // A gRPC UNAVAILABLE comes back as the 503, not the 502 that shares the status.
    expect(errorCodeForGrpcStatus(GrpcStatus.UNAVAILABLE)).toBe(ErrorCode.Unavailable);
    expect(errorCodeForHttpStatus(502)).toBe(ErrorCode.BadGateway);
  });

  it('maps every code to a 4xx/5xx and a gRPC status', () => {
    expect(ERROR_CODE_MAPPINGS[ErrorCode.RuleViolated]).toMatchObject({
      http: 422,
      grpc: GrpcStatus.FAILED_PRECONDITION,
    });
    for (const mapping of Object.values(ERROR_CODE_MAPPINGS)) expect(mapping.http).toBeGreaterThanOrEqual(400);
  });

  it('names what a 404 was looking for in Chinese, the English kept', () => {
    expect(toProblemDetails(GovdataError.notFound('application', 'a-1'))).toMatchObject({
      status: 404,
      detail: '未找到共享申请 a-1 (application a-1 not found)',
    });
    expect(GovdataError.notFound('version 3 of entry', '101001/360100000001').message).toBe(
      '未找到 101001/360100000001 (version 3 of entry 101001/360100000001 not found)',
    );
  });
});
