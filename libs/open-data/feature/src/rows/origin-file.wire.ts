import { GovdataError, type ErrorCode, type FieldProblem } from '@govdata/platform-errors';
import { z } from 'zod';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../datasets/open-vocabulary.js';

/** The method a node's open-data service answers for an ancestor: bytes of a file of its own dataset. */
export const ORIGIN_FILE_METHOD = 'open-data.file-range/v1';

/** Bytes per routed call: well under the router's 4 MiB payload limit and gRPC's message limit. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/**
 * A range of the file of the last update of a resource, named by its sha256 so that every range of
 * one download comes from the same file; `count` on the last range of a whole download, so the
 * origin counts the download as its own.
 */
export interface OriginFileRequest {
  datasetId: string;
  resourceId: string;
  format: DownloadFormat;
  sha256: string;
  start: number;
  length: number;
  count: boolean;
}

const requestSchema = z
  .object({
    datasetId: z.uuid(),
    resourceId: z.uuid(),
    format: z.enum(DOWNLOAD_FORMATS),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    start: z.number().int().min(0),
    length: z.number().int().min(1).max(FILE_CHUNK_BYTES),
    count: z.boolean(),
  })
  .strict();

type Problem = { code: ErrorCode; message: string; fields: FieldProblem[]; retryAfterSeconds?: number };

export function encodeFileRequest(request: OriginFileRequest): Buffer {
  return Buffer.from(JSON.stringify(request), 'utf8');
}

export function decodeFileRequest(payload: Buffer): OriginFileRequest {
  return requestSchema.parse(JSON.parse(payload.toString('utf8')));
}

/**
 * The answer: a 4-byte big-endian length, a JSON header (`{}` or `{problem}`), then the bytes —
 * binary, so a megabyte travels as a megabyte, not as base64 in JSON.
 */
export function encodeFileAnswer(answer: { bytes: Buffer } | { problem: Problem }): Buffer {
  const header = Buffer.from(JSON.stringify('problem' in answer ? { problem: answer.problem } : {}), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, 'bytes' in answer ? answer.bytes : Buffer.alloc(0)]);
}

/** The bytes, or the origin's problem raised again here. */
export function decodeFileAnswer(payload: Buffer): Buffer {
  const headerLength = payload.readUInt32BE(0);
  const header = JSON.parse(payload.subarray(4, 4 + headerLength).toString('utf8')) as { problem?: Problem };
  if (header.problem) {
    const { code, message, fields, retryAfterSeconds } = header.problem;
    throw new GovdataError(code, message, fields, retryAfterSeconds ? { retryAfterSeconds } : {});
  }
  return payload.subarray(4 + headerLength);
}
