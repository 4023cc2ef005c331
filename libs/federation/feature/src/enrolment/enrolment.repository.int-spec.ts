import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { openFederationDatabase } from '../federation-database.fixture.js';
import { EnrolmentRepository } from './enrolment.repository.js';

// `enrolment_token` and `enrolment` on a real PostgreSQL, through their TypeORM entities.
describe('EnrolmentRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const repository = new EnrolmentRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openFederationDatabase(config);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  async function token(childCode = '360000') {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const id = randomUUID();
    const hash = `hash-${id}`;
    const saved = await repository.insertToken(db.manager, {
      id,
      tokenHash: hash,
      childCode,
      childName: '江西省政务数据共享平台',
      level: 'provincial',
      createdBy: 'user:ops',
      expiresAt,
    });
    return { saved, hash, expiresAt };
  }

  it('stores a token with the database’s creation time, hands out no hash, and finds it by hash, locked', async () => {
    const { saved, hash, expiresAt } = await token();
    expect(saved).toEqual({
      id: saved.id,
      childCode: '360000',
      childName: '江西省政务数据共享平台',
      level: 'provincial',
      createdBy: 'user:ops',
      createdAt: expect.any(Date),
      expiresAt,
      usedAt: null,
    });
    expect(saved).not.toHaveProperty('tokenHash');
    const locked = await db.transaction((m) => repository.lockTokenByHash(m, hash));
    expect(locked).toEqual(saved);
    expect(await db.transaction((m) => repository.lockTokenByHash(m, 'no such hash'))).toBeNull();
    expect(await repository.tokenHashOf(db.manager, saved.id)).toBe(hash);
    expect(await repository.tokenHashOf(db.manager, randomUUID())).toBeNull();
  });

  it('marks a token used once it is spent', async () => {
    const { saved, hash } = await token();
    await repository.markTokenUsed(db.manager, saved.id);
    const used = await db.transaction((m) => repository.lockTokenByHash(m, hash));
    expect(used!.usedAt).toBeInstanceOf(Date);
  });

  it('stores an enrolment as pending, then approves or rejects it, and lists by status in request order', async () => {
    const first = await token();
    const second = await token('360100');
    const enrolment = (t: Awaited<ReturnType<typeof token>>, code: string) =>
      repository.insertEnrolment(db.manager, {
        id: randomUUID(),
        tokenId: t.saved.id,
        childCode: code,
        childName: '节点',
        level: code.endsWith('0000') ? 'provincial' : 'municipal',
        csrPem: '-----BEGIN CERTIFICATE REQUEST-----',
      });
    const a = await enrolment(first, '360000');
    const b = await enrolment(second, '360100');
    expect(a).toMatchObject({
      status: 'pending',
      decidedAt: null,
      decidedBy: null,
      rejectReason: null,
      certificateSerial: null,
      bundlePem: null,
    });
    expect(a.requestedAt).toBeInstanceOf(Date);

    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2027-01-01T00:00:00Z');
    await repository.approve(db.manager, a.id, {
      decidedBy: 'user:ops',
      serial: '0a1b',
      notBefore,
      notAfter,
      bundlePem: 'bundle',
      trustedRootPem: 'root',
    });
    await repository.reject(db.manager, b.id, 'user:ops', '名称不符');

    const approved = await db.transaction((m) => repository.find(m, a.id, true));
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'user:ops',
      certificateSerial: '0a1b',
      notBefore,
      notAfter,
      bundlePem: 'bundle',
      trustedRootPem: 'root',
    });
    expect(approved!.decidedAt).toBeInstanceOf(Date);
    expect(await repository.find(db.manager, b.id)).toMatchObject({ status: 'rejected', rejectReason: '名称不符' });
    expect(await repository.find(db.manager, randomUUID())).toBeNull();

    expect((await repository.list(db.manager, 'approved')).map((e) => e.id)).toEqual([a.id]);
    expect((await repository.list(db.manager, 'rejected')).map((e) => e.id)).toEqual([b.id]);
    expect((await repository.list(db.manager)).map((e) => e.id)).toEqual([a.id, b.id]);
  });
});
