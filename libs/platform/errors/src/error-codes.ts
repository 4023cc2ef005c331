import { status as GrpcStatus } from '@grpc/grpc-js';

/**
 * The platform's one error model. Every failure a caller can see has a code; the code decides the
 * HTTP status (RFC 9457 problem+json) and the gRPC status, so both transports say the same thing.
 */
export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  RuleViolated = 'rule_violated',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  TooManyRequests = 'too_many_requests',
  /** The request body is larger than the limit (413). */
  PayloadTooLarge = 'payload_too_large',
  Unavailable = 'unavailable',
  /** A service this one relays to answered badly or could not be reached (502). */
  BadGateway = 'bad_gateway',
  /** A service this one relays to did not answer in time (504). */
  GatewayTimeout = 'gateway_timeout',
  Internal = 'internal',
}

interface CodeMapping {
  http: number;
  grpc: GrpcStatus;
  /** zh-CN title first; English follows. */
  title: string;
}

export const ERROR_CODE_MAPPINGS: Record<ErrorCode, CodeMapping> = {
  [ErrorCode.ValidationFailed]: {
    http: 400,
    grpc: GrpcStatus.INVALID_ARGUMENT,
    title: '请求参数不合法 (validation failed)',
  },
  [ErrorCode.RuleViolated]: { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: '违反业务规则 (rule violated)' },
  [ErrorCode.Unauthenticated]: { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: '未认证 (unauthenticated)' },
  [ErrorCode.Forbidden]: { http: 403, grpc: GrpcStatus.PERMISSION_DENIED, title: '无权限 (forbidden)' },
  [ErrorCode.NotFound]: { http: 404, grpc: GrpcStatus.NOT_FOUND, title: '资源不存在 (not found)' },
  [ErrorCode.Conflict]: { http: 409, grpc: GrpcStatus.ALREADY_EXISTS, title: '资源冲突 (conflict)' },
  [ErrorCode.TooManyRequests]: {
    http: 429,
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    title: '请求过于频繁 (too many requests)',
  },
  // After TooManyRequests: a gRPC RESOURCE_EXHAUSTED maps back to 429.
  [ErrorCode.PayloadTooLarge]: {
    http: 413,
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    title: '请求体过大 (payload too large)',
  },
  [ErrorCode.Unavailable]: { http: 503, grpc: GrpcStatus.UNAVAILABLE, title: '服务暂不可用 (unavailable)' },
  // After Unavailable: a gRPC UNAVAILABLE maps back to 503, the first code with that status.
  [ErrorCode.BadGateway]: { http: 502, grpc: GrpcStatus.UNAVAILABLE, title: '上游服务错误 (bad gateway)' },
  [ErrorCode.GatewayTimeout]: {
    http: 504,
    grpc: GrpcStatus.DEADLINE_EXCEEDED,
    title: '上游服务超时 (gateway timeout)',
  },
  [ErrorCode.Internal]: { http: 500, grpc: GrpcStatus.INTERNAL, title: '内部错误 (internal error)' },
};

export function errorCodeForHttpStatus(status: number): ErrorCode {
  const match = Object.entries(ERROR_CODE_MAPPINGS).find(([, m]) => m.http === status);
  if (match) return match[0] as ErrorCode;
  if (status >= 500) return ErrorCode.Internal;
  return ErrorCode.ValidationFailed;
}

export function errorCodeForGrpcStatus(status: GrpcStatus): ErrorCode {
  const match = Object.entries(ERROR_CODE_MAPPINGS).find(([, m]) => m.grpc === status);
  return match ? (match[0] as ErrorCode) : ErrorCode.Internal;
}
