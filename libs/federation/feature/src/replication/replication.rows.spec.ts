import { toEncodedLogRow, toRecordDigest, toReplicationLogRow } from './replication.rows.js';

const eventTime = new Date('2026-02-03T04:05:06Z');
const raw = {
  seq: '9007199254740991',
  event_id: '3f7b0a52-8a0e-4c55-9b7e-1d2c3b4a5f60',
  kind: 'catalog.entry',
  origin: '360100',
  record_key: 'k1',
  version: '4294967297',
  path: ['360100', '360000'],
  event_time: eventTime,
  destination: null,
};

describe('replication row mappers', () => {
  it('reads a log row with its payload as stored text, bigint columns as numbers', () => {
    expect(toEncodedLogRow({ ...raw, payload_json: '{"a": 1}', destination: '100000' })).toEqual({
      seq: 9_007_199_254_740_991,
      eventId: raw.event_id,
      kind: 'catalog.entry',
      origin: '360100',
      recordKey: 'k1',
      version: 4_294_967_297,
      path: ['360100', '360000'],
      eventTime,
      payloadJson: '{"a": 1}',
      destination: '100000',
    });
  });

  it('reads a log row to send again with its parsed payload and no destination', () => {
    const row = toReplicationLogRow({ ...raw, destination: '360000', payload: { action: 'retire' } });
    expect(row).toEqual({
      seq: 9_007_199_254_740_991,
      eventId: raw.event_id,
      kind: 'catalog.entry',
      origin: '360100',
      recordKey: 'k1',
      version: 4_294_967_297,
      path: ['360100', '360000'],
      eventTime,
      payload: { action: 'retire' },
    });
    expect(row).not.toHaveProperty('destination');
  });

  it('reads a record digest as the merkle library takes it', () => {
    expect(toRecordDigest({ record_key: 'k1', version: '12', digest: 'ab'.repeat(32) })).toEqual({
      key: 'k1',
      version: 12,
      digest: 'ab'.repeat(32),
    });
  });
});
