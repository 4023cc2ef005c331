import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { openFederationDatabase } from '../federation-database.fixture.js';
import { DownwardRepository } from './downward.repository.js';

const eventTime = new Date('2026-02-03T04:05:06Z');

// `downward_log`, `inherited_standard` and `downward_cursor` on a real PostgreSQL.
describe('DownwardRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const downward = new DownwardRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openFederationDatabase(config);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('logs each version once and reads the log after a sequence, payloads as the stored text', async () => {
    const m = db.manager;
    const row = (key: string, version: number, destination: string | null = null) => ({
      eventId: randomUUID(),
      origin: '100000',
      kind: 'standard.data-element',
      key,
      version,
      path: ['100000', '360000'],
      eventTime,
      payload: { action: 'publish', key },
      destination,
    });
    await downward.append(m, row('DE001', 1));
    await downward.append(m, row('DE001', 1));
    await downward.append(m, row('DE002', 1, '360100'));
    const log = await downward.after(m, 0, 10);
    expect(log.map((r) => [r.key, r.version, r.payloadJson, r.destination])).toEqual([
      ['DE001', 1, '{"key": "DE001", "action": "publish"}', null],
      ['DE002', 1, '{"key": "DE002", "action": "publish"}', '360100'],
    ]);
    expect(log[0]).toMatchObject({
      origin: '100000',
      kind: 'standard.data-element',
      path: ['100000', '360000'],
      eventTime,
    });
    expect(typeof log[0]!.seq).toBe('number');
    expect(await downward.after(m, log[0]!.seq, 10)).toEqual([log[1]]);
  });

  it('holds the highest version of an inherited standard and lists them with their action', async () => {
    const m = db.manager;
    const standard = (version: number, action: string) => ({
      origin: '100000',
      kind: 'standard.data-element',
      key: 'DE001',
      version,
      path: ['100000'],
      payload: { action },
      eventTime,
      receivedAt: new Date('2026-02-04T00:00:00Z'),
    });
    expect(await downward.upsertInherited(m, standard(2, 'publish'))).toBe(true);
    expect(await downward.upsertInherited(m, standard(1, 'retire'))).toBe(false);
    expect(await downward.inherited(m)).toEqual([
      {
        origin: '100000',
        kind: 'standard.data-element',
        key: 'DE001',
        version: 2,
        path: ['100000'],
        action: 'publish',
        eventTime,
        receivedAt: new Date('2026-02-04T00:00:00Z'),
      },
    ]);
  });

  it('moves the parent’s cursor forward only, under a lock', async () => {
    expect(await downward.cursor(db.manager, '100000')).toBe(0);
    await db.transaction(async (m) => {
      expect(await downward.lockCursor(m, '100000')).toBe(0);
      await downward.advance(m, '100000', 7);
      await downward.advance(m, '100000', 3);
    });
    expect(await downward.cursor(db.manager, '100000')).toBe(7);
    expect(await db.transaction((m) => downward.lockCursor(m, '100000'))).toBe(7);
  });
});
