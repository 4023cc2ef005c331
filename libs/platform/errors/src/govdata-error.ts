import type { z } from 'zod';
import { ERROR_CODE_MAPPINGS, ErrorCode } from './error-codes.js';

/** One broken rule on one field: `path` is a JSON-pointer-like dotted path (`items.0.name`). */
export interface FieldProblem {
  path: string;
  rule: string;
  message: string;
}

export class GovdataError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GovdataError';
  }

  get httpStatus(): number {
    return ERROR_CODE_MAPPINGS[this.code].http;
  }

  static validation(fields: FieldProblem[], message = describeFields(fields)): GovdataError {
    return new GovdataError(ErrorCode.ValidationFailed, message, fields);
  }

  static rule(path: string, rule: string, message: string): GovdataError {
    return new GovdataError(ErrorCode.RuleViolated, message, [{ path, rule, message }]);
  }

  static notFound(what: string, id: string): GovdataError {
    return new GovdataError(ErrorCode.NotFound, `${what} ${id} not found`);
  }

  static conflict(message: string, fields: FieldProblem[] = []): GovdataError {
    return new GovdataError(ErrorCode.Conflict, message, fields);
  }

  static unauthenticated(message = 'a valid bearer token is required'): GovdataError {
    return new GovdataError(ErrorCode.Unauthenticated, message);
  }

  static forbidden(message: string): GovdataError {
    return new GovdataError(ErrorCode.Forbidden, message);
  }

  /** 503; with `retryAfterSeconds` the answer carries Retry-After. */
  static unavailable(message: string, retryAfterSeconds?: number): GovdataError {
    return new GovdataError(
      ErrorCode.Unavailable,
      message,
      [],
      retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
    );
  }

  static badGateway(message: string, extra: Record<string, unknown> = {}): GovdataError {
    return new GovdataError(ErrorCode.BadGateway, message, [], extra);
  }

  static gatewayTimeout(message: string, extra: Record<string, unknown> = {}): GovdataError {
    return new GovdataError(ErrorCode.GatewayTimeout, message, [], extra);
  }

  /** Turns a zod failure into a 400 that names every field and the rule it broke. */
  static fromZod(error: z.ZodError, prefix = ''): GovdataError {
    const fields = error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
      // A refinement names its rule in params ("required-for-conditional"); built-in checks use zod's code.
      rule: issue.code === 'custom' && typeof issue.params?.['rule'] === 'string' ? issue.params['rule'] : issue.code,
      message: issue.message,
    }));
    return GovdataError.validation(fields);
  }
}

function describeFields(fields: FieldProblem[]): string {
  if (fields.length === 0) return 'the request is not valid';
  return fields.map((f) => `${f.path}: ${f.message}`).join('; ');
}
