import { ERROR_CODE_MAPPINGS, ErrorCode, errorCodeForHttpStatus } from './error-codes.js';
import { GovdataError, type FieldProblem } from './govdata-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with `code` and `errors` extensions. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const PROBLEM_TYPE_BASE = 'https://govdata.cn/problems/';

export function toProblemDetails(error: unknown, instance?: string): ProblemDetails {
  const known = asGovdataError(error);
  const mapping = ERROR_CODE_MAPPINGS[known.code];
  const problem: ProblemDetails = {
    type: `${PROBLEM_TYPE_BASE}${known.code}`,
    title: mapping.title,
    status: mapping.http,
    detail: known.message,
    code: known.code,
    ...known.extra,
  };
  if (instance) problem.instance = instance;
  if (known.fields.length > 0) problem.errors = known.fields;
  return problem;
}

/**
 * Normalises anything thrown into a GovdataError. Framework HTTP exceptions keep their status;
 * unknown errors become `internal` without leaking their message.
 */
export function asGovdataError(error: unknown): GovdataError {
  if (error instanceof GovdataError) return error;
  // A framework that wraps what a middleware threw (Nest's mapping of body-parser errors) keeps it as the cause.
  const cause = typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  if (cause instanceof GovdataError) return cause;
  const status = httpStatusOf(error);
  if (status !== undefined && status < 500) {
    const code = errorCodeForHttpStatus(status);
    return new GovdataError(code, messageOf(error) ?? ERROR_CODE_MAPPINGS[code].title);
  }
  if (isBodyParserError(error)) {
    return GovdataError.validation([{ path: '(body)', rule: 'json', message: 'the request body is not valid JSON' }]);
  }
  return new GovdataError(ErrorCode.Internal, 'an internal error occurred; it has been logged');
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { getStatus?: () => number; status?: unknown };
  if (typeof candidate.getStatus === 'function') return candidate.getStatus();
  return typeof candidate.status === 'number' ? candidate.status : undefined;
}

function messageOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  if (typeof response === 'string') return response;
  if (response && typeof response === 'object' && 'message' in response) {
    const message = (response as { message: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message);
  }
  return error instanceof Error ? error.message : undefined;
}

function isBodyParserError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: string }).type === 'entity.parse.failed';
}
