import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { openExchangeTestSchema } from '../exchange-test-schema.js';
import { CallRecordRepository, type CallRecord } from './call-record.repository.js';

const CONSUMER = randomUUID();
const PROVIDER = randomUUID();
const GRANT = randomUUID();

function callRecord(leafIndex: number, overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: randomUUID(),
    leafIndex,
    at: new Date(Date.UTC(2026, 2, 2, 1, 0, leafIndex)),
    grantId: GRANT,
    resourceId: null,
    entryId: randomUUID(),
    consumerNode: '360100',
    consumerOrganisationId: CONSUMER,
    consumerSubject: 'service:client-1',
    providerNode: '360000',
    providerOrganisationId: PROVIDER,
    method: 'GET',
    operationPath: '/persons/{id}',
    outcome: 'ok',
    status: 200,
    reason: null,
    latencyMs: 10 * (leafIndex + 1),
    bytes: 1_000,
    records: 1,
    ...overrides,
  };
}

describe('CallRecordRepository on PostgreSQL', () => {
  let config: NodeConfig;
  let db: DataSource;
  const calls = new CallRecordRepository();
  const records = [
    callRecord(0),
    callRecord(1),
    callRecord(2, { outcome: 'denied', status: 403, reason: 'grant-revoked', records: 0, bytes: 0 }),
    callRecord(3, { outcome: 'failed', status: 502, reason: 'upstream-upstream-error', records: 0, bytes: 0 }),
    callRecord(4, { consumerOrganisationId: randomUUID() }),
  ];

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openExchangeTestSchema(config);
    // As the audit ledger writes them: a CTE of its append statement, only where `applied` holds.
    const written = calls.insertAlongside(records, 1, 'true');
    await db.query(`WITH ${written.cte} SELECT 1`, written.params);
    const skipped = calls.insertAlongside([callRecord(9)], 1, 'false');
    await db.query(`WITH ${skipped.cte} SELECT 1`, skipped.params);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('locates a logged call in the ledger with its parties', async () => {
    expect(await calls.findCall(db.manager, records[1]!.callId)).toEqual({
      leafIndex: 1,
      consumerOrganisationId: CONSUMER,
      providerOrganisationId: PROVIDER,
    });
    expect(await calls.findCall(db.manager, randomUUID())).toBeNull();
  });

  it('pages an organisation’s ledger indices in log order within a window', async () => {
    const window = { from: new Date(Date.UTC(2026, 2, 2)), to: new Date(Date.UTC(2026, 2, 3)) };
    expect(
      await calls.ledgerIndicesOf(db.manager, 'consumer', CONSUMER, { ...window, afterIndex: -1, limit: 10 }),
    ).toEqual([0, 1, 2, 3]);
    expect(
      await calls.ledgerIndicesOf(db.manager, 'provider', PROVIDER, { ...window, afterIndex: 1, limit: 2 }),
    ).toEqual([2, 3]);
  });

  it('aggregates calls, outcomes, latency and bytes by a dimension', async () => {
    const window = { from: new Date(Date.UTC(2026, 2, 2)), to: new Date(Date.UTC(2026, 2, 3)) };
    const [byGrant] = await calls.aggregate(db.manager, 'grant', window, CONSUMER);
    expect(byGrant).toEqual({
      key: GRANT,
      calls: 4,
      ok: 2,
      denied: 1,
      failed: 1,
      errors: 2,
      latencyAvgMs: 25,
      latencyP95Ms: 38.5,
      latencyMaxMs: 40,
      bytes: 2_000,
      records: 2,
    });
    expect(await calls.aggregate(db.manager, 'resource', window, null)).toEqual([
      expect.objectContaining({ key: null, calls: 5 }),
    ]);
    expect(
      await calls.aggregate(
        db.manager,
        'grant',
        { ...window, from: window.to, to: new Date(Date.UTC(2026, 2, 4)) },
        null,
      ),
    ).toEqual([]);
  });
});
