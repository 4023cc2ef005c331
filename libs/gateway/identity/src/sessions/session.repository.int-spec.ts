import { openTestSchema, type TestSchema } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { IDENTITY_MIGRATIONS } from '../migrations/1763856200000-create-identity.js';
import { SessionRepository } from './session.repository.js';

// `revoked_token` and `session_cutoff` on a real PostgreSQL: a fresh node database with the identity migrations.
describe('SessionRepository (PostgreSQL)', () => {
  let schema: TestSchema;
  let db: DataSource;
  const repository = new SessionRepository();

  beforeAll(async () => {
    schema = await openTestSchema('gateway', { migrations: IDENTITY_MIGRATIONS });
    db = schema.dataSource;
  });

  afterAll(async () => {
    await schema?.close();
  });

  it('keeps revoked tokens until they expire, once each', async () => {
    const later = new Date(Date.now() + 3_600_000);
    await repository.revokeToken(db.manager, 'jti-live', 'user:a', later);
    await repository.revokeToken(db.manager, 'jti-live', 'user:a', new Date(Date.now() + 7_200_000));
    await repository.revokeToken(db.manager, 'jti-expired', 'user:a', new Date(Date.now() - 1_000));
    const { tokens } = await repository.live(db.manager, new Date(0));
    expect(tokens).toEqual([{ jti: 'jti-live', expiresAt: later }]);
    const rows: Array<{ jti: string }> = await db.query('SELECT jti FROM revoked_token ORDER BY jti');
    expect(rows).toEqual([{ jti: 'jti-live' }]);
  });

  it('keeps the latest cut-off time of a subject and the last reason given, and lists those after a time', async () => {
    const early = new Date('2026-09-14T02:00:00.000Z');
    const late = new Date('2026-09-15T02:00:00.000Z');
    await repository.cutOff(db.manager, 'user:b', late, 'password-changed');
    await repository.cutOff(db.manager, 'user:b', early, 'deactivated');
    await repository.cutOff(db.manager, 'service:sa-1', early, 'secret-rotated');
    const rows: Array<{ subject: string; not_before: Date; reason: string }> = await db.query(
      'SELECT subject, not_before, reason FROM session_cutoff ORDER BY subject',
    );
    expect(rows).toEqual([
      { subject: 'service:sa-1', not_before: early, reason: 'secret-rotated' },
      { subject: 'user:b', not_before: late, reason: 'deactivated' },
    ]);
    expect((await repository.live(db.manager, new Date('2026-09-14T12:00:00Z'))).cutoffs).toEqual([
      { subject: 'user:b', notBefore: late },
    ]);
    expect((await repository.live(db.manager, new Date(0))).cutoffs).toHaveLength(2);
  });
});
