import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { asGovdataError, ERROR_CODE_MAPPINGS, errorCodeForGrpcStatus, GovdataError } from '@govdata/platform-errors';

/**
 * Field problems travel as UTF-8 JSON in a binary metadata entry: their messages are Chinese, and a
 * text metadata value may hold printable ASCII only.
 */
const FIELDS_KEY = 'govdata-error-fields-bin';

/** The gRPC face of the platform's error model: status code, message, field problems in metadata. */
export function toRpcException(error: unknown): RpcException {
  const known = asGovdataError(error);
  const metadata = new Metadata();
  metadata.set('govdata-error-code', known.code);
  if (known.fields.length > 0) metadata.set(FIELDS_KEY, Buffer.from(JSON.stringify(known.fields), 'utf8'));
  return new RpcException({ code: ERROR_CODE_MAPPINGS[known.code].grpc, message: known.message, metadata });
}

/** Turns a gRPC client error back into a GovdataError, so callers handle one error type. */
export function fromGrpcError(error: { code?: number; details?: string; metadata?: Metadata }): GovdataError {
  const code = errorCodeForGrpcStatus((error.code ?? GrpcStatus.UNKNOWN) as GrpcStatus);
  const rawFields = error.metadata?.get(FIELDS_KEY)[0];
  const fields = Buffer.isBuffer(rawFields) ? JSON.parse(rawFields.toString('utf8')) : [];
  return new GovdataError(code, error.details ?? '远程调用失败 (remote call failed)', fields);
}
