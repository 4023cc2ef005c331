import { describe, expect, it } from 'vitest';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import {
  decodeFileAnswer,
  decodeFileRequest,
  encodeFileAnswer,
  encodeFileRequest,
  FILE_CHUNK_BYTES,
} from './origin-file.wire.js';

const REQUEST = {
  datasetId: '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70',
  resourceId: '1d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70',
  format: 'csv' as const,
  sha256: 'ab'.repeat(32),
  start: 0,
  length: FILE_CHUNK_BYTES,
  count: true,
};

describe('the routed file-range wire', () => {
  it('carries the bytes as they are, binary, and a problem raised again with its Retry-After', () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x0a]);
    expect(decodeFileAnswer(encodeFileAnswer({ bytes })).equals(bytes)).toBe(true);
    const problem = encodeFileAnswer({
      problem: { code: ErrorCode.Unavailable, message: '文件正在更新', fields: [], retryAfterSeconds: 30 },
    });
    expect(() => decodeFileAnswer(problem)).toThrow(GovdataError);
    try {
      decodeFileAnswer(problem);
    } catch (error) {
      expect(error).toMatchObject({ code: ErrorCode.Unavailable, extra: { retryAfterSeconds: 30 } });
    }
  });

  it('checks a request as the origin does: a range is at most one chunk, the file is named by its sha256', () => {
    expect(decodeFileRequest(encodeFileRequest(REQUEST))).toEqual(REQUEST);
    expect(() => decodeFileRequest(encodeFileRequest({ ...REQUEST, length: FILE_CHUNK_BYTES + 1 }))).toThrow();
    expect(() => decodeFileRequest(encodeFileRequest({ ...REQUEST, sha256: 'not-a-hash' }))).toThrow();
    expect(() => decodeFileRequest(Buffer.from('{"datasetId":"x"}'))).toThrow();
  });
});
