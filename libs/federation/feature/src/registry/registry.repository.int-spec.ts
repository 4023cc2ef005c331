import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { openFederationDatabase } from '../federation-database.fixture.js';
import { RegistryRepository } from './registry.repository.js';

const day = 86_400_000;

// `child_node`, `child_certificate`, `revocation` and `revocation_list` on a real PostgreSQL.
describe('RegistryRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const registry = new RegistryRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openFederationDatabase(config);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('walks a child through pending, active, renewed and revoked, reading back every column', async () => {
    const m = db.manager;
    await registry.markPending(m, { code: '360000', name: '江西', level: 'provincial' });
    expect(await registry.child(m, '360000')).toEqual({
      code: '360000',
      name: '江西',
      level: 'provincial',
      status: 'pending',
      certificateSerial: null,
      notBefore: null,
      notAfter: null,
      enrolledAt: null,
      revokedAt: null,
      revokeReason: null,
      lastSeenAt: null,
      lagSeconds: null,
      softwareVersion: null,
    });

    const notBefore = new Date(Date.now() - day);
    const notAfter = new Date(Date.now() + 365 * day);
    await registry.markActive(m, {
      code: '360000',
      name: '江西省',
      level: 'provincial',
      serial: 'aa',
      notBefore,
      notAfter,
    });
    await registry.recordCertificate(m, { code: '360000', serial: 'aa', notBefore, notAfter, via: 'enrolment' });
    // A second request while active leaves it active.
    await registry.markPending(m, { code: '360000', name: '江西省', level: 'provincial' });
    const active = await db.transaction((tx) => registry.child(tx, '360000', true));
    expect(active).toMatchObject({ status: 'active', certificateSerial: 'aa', notBefore, notAfter, name: '江西省' });
    expect(active!.enrolledAt).toBeInstanceOf(Date);

    await registry.markRenewed(m, { code: '360000', serial: 'bb', notBefore, notAfter });
    await registry.recordCertificate(m, { code: '360000', serial: 'bb', notBefore, notAfter, via: 'renewal' });
    expect(await registry.liveSerials(m, '360000')).toEqual(['aa', 'bb']);
    expect((await registry.child(m, '360000'))!.certificateSerial).toBe('bb');

    const seen = new Date();
    await registry.touchChild(m, '360000', { at: seen, lagSeconds: 1.5, softwareVersion: '1.2.3' });
    expect(await registry.child(m, '360000')).toMatchObject({
      lastSeenAt: seen,
      lagSeconds: 1.5,
      softwareVersion: '1.2.3',
    });

    const revokedAt = new Date();
    await registry.markRevoked(m, '360000', revokedAt, 'key_compromise');
    expect(await registry.child(m, '360000')).toMatchObject({
      status: 'revoked',
      revokedAt,
      revokeReason: 'key_compromise',
    });
  });

  it('forgets a rejected child that was only pending, never an enrolled one; lists children by code', async () => {
    const m = db.manager;
    await registry.markPending(m, { code: '360100', name: '南昌', level: 'municipal' });
    await registry.markPending(m, { code: '110000', name: '北京', level: 'provincial' });
    await registry.forgetPending(m, '360100');
    await registry.forgetPending(m, '360000');
    expect(await registry.child(m, '360100')).toBeNull();
    expect((await registry.children(m)).map((c) => [c.code, c.status])).toEqual([
      ['110000', 'pending'],
      ['360000', 'revoked'],
    ]);
  });

  it('numbers the CRL under a lock, keeps revocations once, and reads them in revocation order', async () => {
    await db.transaction(async (m) => {
      expect(await registry.lockRevocationList(m, '100000')).toEqual({ number: 0, crlPem: null, signedAt: null });
      const first = {
        serial: 'cc',
        childCode: '360000',
        revokedAt: new Date(Date.now() - 1000),
        reason: 'superseded' as const,
      };
      const second = { serial: 'dd', childCode: '360000', revokedAt: new Date(), reason: 'key_compromise' as const };
      await registry.insertRevocation(m, { ...second, note: null, revokedBy: 'user:ops' });
      await registry.insertRevocation(m, { ...first, note: '换证', revokedBy: 'user:ops' });
      await registry.insertRevocation(m, { ...first, reason: 'unspecified', note: null, revokedBy: 'user:other' });
      expect(await registry.revocations(m)).toEqual([first, second]);
      await registry.saveRevocationList(m, '100000', 1, 'PEM');
    });
    const saved = await db.transaction((m) => registry.lockRevocationList(m, '100000'));
    expect(saved).toMatchObject({ number: 1, crlPem: 'PEM' });
    expect(saved.signedAt).toBeInstanceOf(Date);
  });

  it('marks an active child silent once past the threshold, and unmarks it when it is heard from', async () => {
    const m = db.manager;
    const notBefore = new Date(Date.now() - day);
    const notAfter = new Date(Date.now() + day);
    await registry.markActive(m, {
      code: '360200',
      name: '景德镇',
      level: 'municipal',
      serial: 'ee',
      notBefore,
      notAfter,
    });
    const longAgo = new Date(Date.now() - 3_600_000);
    await registry.touchChild(m, '360200', { at: longAgo });
    expect(await registry.silenceChanges(m, 60)).toEqual([{ code: '360200', lastSeenAt: longAgo, silent: true }]);
    expect(await registry.silenceChanges(m, 60)).toEqual([]);
    const now = new Date(Date.now() + 1000);
    await registry.touchChild(m, '360200', { at: now });
    expect(await registry.silenceChanges(m, 60)).toEqual([{ code: '360200', lastSeenAt: now, silent: false }]);
  });
});
