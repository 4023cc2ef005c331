import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { openFederationDatabase } from '../federation-database.fixture.js';
import { LinkRepository } from './link.repository.js';

// `link_cursor` and `replication_dead_letter` on a real PostgreSQL.
describe('LinkRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const links = new LinkRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openFederationDatabase(config);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('creates a child’s cursor with its first batch and never moves it back', async () => {
    expect(await links.cursor(db.manager, '360100')).toBe(0);
    await db.transaction((m) => links.lockAndAdvance(m, '360100', 5, new Date('2026-01-01T00:00:00Z')));
    await db.transaction((m) => links.lockAndAdvance(m, '360100', 3, null));
    expect(await links.cursor(db.manager, '360100')).toBe(5);
    const [row] = await db.query('SELECT last_event_at FROM link_cursor WHERE child_code = $1', ['360100']);
    expect(row.last_event_at).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('keeps a refused envelope with its reason', async () => {
    const envelope = { id: 'e1', origin: '440100', path: ['440100'] };
    await links.deadLetter(db.manager, {
      childCode: '360100',
      seq: 9,
      eventId: 'e1',
      origin: '440100',
      reason: 'outside-subtree: origin 440100 is not in the subtree of node 360100',
      envelope,
    });
    const rows = await db.query('SELECT child_code, seq, reason, envelope FROM replication_dead_letter');
    expect(rows).toEqual([
      {
        child_code: '360100',
        seq: '9',
        reason: 'outside-subtree: origin 440100 is not in the subtree of node 360100',
        envelope,
      },
    ]);
  });
});
