import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { asGovdataError, ERROR_CODE_MAPPINGS, errorCodeForGrpcStatus, GovdataError } from '@govdata/platform-errors';

/** The gRPC face of the platform's error model: status code, message, field problems in metadata. */
export function toRpcException(error: unknown): RpcException {
  const known = asGovdataError(error);
  const metadata = new Metadata();
  metadata.set('govdata-error-code', known.code);
  if (known.fields.length > 0) metadata.set('govdata-error-fields', JSON.stringify(known.fields));
  return new RpcException({ code: ERROR_CODE_MAPPINGS[known.code].grpc, message: known.message, metadata });
}

/** Turns a gRPC client error back into a GovdataError, so callers handle one error type. */
export function fromGrpcError(error: { code?: number; details?: string; metadata?: Metadata }): GovdataError {
  const code = errorCodeForGrpcStatus((error.code ?? GrpcStatus.UNKNOWN) as GrpcStatus);
  const rawFields = error.metadata?.get('govdata-error-fields')[0];
  const fields = typeof rawFields === 'string' ? JSON.parse(rawFields) : [];
  return new GovdataError(code, error.details ?? '远程调用失败 (remote call failed)', fields);
}
