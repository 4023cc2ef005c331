import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { openFederationDatabase } from '../federation-database.fixture.js';
import { recordId, ReplicationRepository, type ReplicaRow } from './replication.repository.js';

const eventTime = new Date('2026-02-03T04:05:06Z');

// `replication_log` and `replica_record` on a real PostgreSQL: what the links send and what anti-entropy compares.
describe('ReplicationRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const replication = new ReplicationRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openFederationDatabase(config);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  const logged = (recordKey: string, version: number, payload: unknown) => ({
    eventId: randomUUID(),
    kind: 'catalog.entry',
    origin: '360100',
    recordKey,
    version,
    path: ['360100'],
    eventTime,
    payload,
  });

  it('logs each version once, in order, and reads the log after a sequence with payloads as stored text', async () => {
    const m = db.manager;
    await replication.append(m, logged('k1', 1, { action: 'publish', n: 1 }));
    await replication.append(m, logged('k1', 1, { action: 'publish', n: 99 }));
    await replication.appendMany(m, [
      { ...logged('k2', 1, null), payloadJson: '{"action": "publish", "b": [1, 2]}', destination: null },
      { ...logged('k1', 2, null), payloadJson: '{"action": "retire"}', destination: '360000' },
    ]);
    const rows = await replication.after(m, 0, 10);
    expect(rows.map((r) => [r.recordKey, r.version, r.payloadJson, r.destination])).toEqual([
      ['k1', 1, '{"n": 1, "action": "publish"}', null],
      ['k2', 1, '{"b": [1, 2], "action": "publish"}', null],
      ['k1', 2, '{"action": "retire"}', '360000'],
    ]);
    expect(rows[0]).toMatchObject({ origin: '360100', kind: 'catalog.entry', path: ['360100'], eventTime });
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
    expect(typeof rows[0]!.seq).toBe('number');
    expect(await replication.after(m, rows[1]!.seq, 10)).toEqual([rows[2]]);

    expect(await replication.sentOrigins(m)).toEqual(['360100']);
    const sent = await replication.sentRecords(m, '360100');
    expect(sent.map((r) => [r.key, r.version])).toEqual([
      ['k1', 2],
      ['k2', 1],
    ]);
    expect(sent[0]!.digest).toMatch(/^[0-9a-f]{64}$/);
    const latest = await replication.latestLogRows(m, '360100', ['k1', 'k9']);
    expect(latest).toEqual([
      {
        seq: rows[2]!.seq,
        eventId: rows[2]!.eventId,
        kind: 'catalog.entry',
        origin: '360100',
        recordKey: 'k1',
        version: 2,
        path: ['360100'],
        eventTime,
        payload: { action: 'retire' },
      },
    ]);
    expect(await replication.latestLogRows(m, '360100', [])).toEqual([]);
    expect(await replication.loggedKeys(m, '360100', ['k2', 'k9'])).toEqual(new Set(['k2']));
  });

  it('keeps the highest version of a replica, replaces an altered copy only for a repair, and removes one', async () => {
    const m = db.manager;
    const replica = (version: number, payloadJson: string): ReplicaRow => ({
      origin: '360200',
      recordKey: 'r1',
      kind: 'catalog.entry',
      version,
      eventId: randomUUID(),
      path: ['360200', '360000'],
      payloadJson,
      eventTime,
      receivedAt: new Date(),
    });
    expect(await replication.upsertReplicas(m, [replica(2, '{"v": 2}')])).toEqual([true]);
    expect(await replication.upsertReplicas(m, [replica(1, '{"v": 1}')])).toEqual([false]);
    expect(await replication.upsertReplicas(m, [replica(2, '{"v": "altered"}')])).toEqual([false]);
    expect(await replication.upsertReplicas(m, [replica(2, '{"v": "altered"}')], { replaceAltered: true })).toEqual([
      true,
    ]);
    expect(await replication.heldOrigins(m)).toEqual(['360200']);
    const held = await replication.heldRecords(m, '360200');
    expect(held).toEqual([{ key: 'r1', version: 2, digest: expect.stringMatching(/^[0-9a-f]{64}$/) }]);

    expect(await replication.removeReplica(m, '360200', 'r1')).toBe(true);
    expect(await replication.removeReplica(m, '360200', 'r1')).toBe(false);
    expect(await replication.heldRecords(m, '360200')).toEqual([]);
    expect(recordId('a', 'b')).not.toBe(recordId('ab', ''));
  });
});
