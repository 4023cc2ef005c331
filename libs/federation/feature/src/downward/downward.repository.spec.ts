import { toEncodedDownwardRow, toInheritedStandard } from './downward.repository.js';

const eventTime = new Date('2026-02-03T04:05:06Z');

describe('downward row mappers', () => {
  it('reads a downward log row, bigint columns as numbers and the payload as stored text', () => {
    expect(
      toEncodedDownwardRow({
        seq: '41',
        event_id: '3f7b0a52-8a0e-4c55-9b7e-1d2c3b4a5f60',
        origin: '100000',
        kind: 'standard.data-element',
        key: 'DE001',
        version: '4294967297',
        path: ['100000', '360000'],
        event_time: eventTime,
        payload_json: '{"action": "publish"}',
        destination: null,
      }),
    ).toEqual({
      seq: 41,
      eventId: '3f7b0a52-8a0e-4c55-9b7e-1d2c3b4a5f60',
      origin: '100000',
      kind: 'standard.data-element',
      key: 'DE001',
      version: 4_294_967_297,
      path: ['100000', '360000'],
      eventTime,
      payloadJson: '{"action": "publish"}',
      destination: null,
    });
  });

  it('reads an inherited standard with the action its payload names', () => {
    const receivedAt = new Date('2026-02-04T00:00:00Z');
    expect(
      toInheritedStandard({
        origin: '100000',
        kind: 'standard.data-element',
        key: 'DE001',
        version: '3',
        path: ['100000'],
        action: 'retire',
        event_time: eventTime,
        received_at: receivedAt,
      }),
    ).toEqual({
      origin: '100000',
      kind: 'standard.data-element',
      key: 'DE001',
      version: 3,
      path: ['100000'],
      action: 'retire',
      eventTime,
      receivedAt,
    });
  });
});
