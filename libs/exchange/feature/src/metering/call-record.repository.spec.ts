import { toCallLocation, toMeteringRow } from './call-record.repository.js';

describe('call record rows', () => {
  it('locates a call: its ledger index as a number', () => {
    expect(toCallLocation({ leaf_index: '42', consumer_organisation_id: 'c', provider_organisation_id: 'p' })).toEqual({
      leafIndex: 42,
      consumerOrganisationId: 'c',
      providerOrganisationId: 'p',
    });
  });

  it('turns the aggregate’s bigint and numeric text into numbers, latencies to a tenth', () => {
    expect(
      toMeteringRow({
        key: 'g-1',
        calls: '7',
        ok: '4',
        denied: '2',
        failed: '1',
        errors: '3',
        latency_avg: '12.345678',
        latency_p95: 30.04,
        latency_max: 31,
        bytes: '2048',
        records: '9',
      }),
    ).toEqual({
      key: 'g-1',
      calls: 7,
      ok: 4,
      denied: 2,
      failed: 1,
      errors: 3,
      latencyAvgMs: 12.3,
      latencyP95Ms: 30,
      latencyMaxMs: 31,
      bytes: 2048,
      records: 9,
    });
    expect(
      toMeteringRow({
        key: null,
        calls: 1,
        ok: 1,
        denied: 0,
        failed: 0,
        errors: 0,
        latency_avg: 5,
        latency_p95: 5,
        latency_max: 5,
        bytes: 0,
        records: 0,
      }).key,
    ).toBeNull();
  });
});
