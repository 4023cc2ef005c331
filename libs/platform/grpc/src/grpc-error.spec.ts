import type { Metadata } from '@grpc/grpc-js';
import { GovdataError } from '@govdata/platform-errors';
import { fromGrpcError, toRpcException } from './grpc-error.js';

describe('errors over gRPC', () => {
  it('carries field problems in Chinese through metadata and back', () => {
    const refused = GovdataError.validation([
      { path: 'pageToken', rule: 'cursor', message: '不是本接口返回的游标 (not a cursor this API returned)' },
    ]);
    const sent = toRpcException(refused).getError() as { code: number; message: string; metadata: Metadata };
    // What the wire would carry: every text entry printable ASCII, the fields in a binary entry.
    for (const [key, value] of Object.entries(sent.metadata.getMap())) {
      if (!key.endsWith('-bin')) expect(String(value)).toMatch(/^[\x20-\x7e]*$/);
    }
    const received = fromGrpcError({ code: sent.code, details: sent.message, metadata: sent.metadata });
    expect(received.code).toBe(refused.code);
    expect(received.fields).toEqual(refused.fields);
  });
});
