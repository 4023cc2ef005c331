import type { NodeLevel } from '@govdata/codes';
import type { EntityManager } from 'typeorm';
import { EnrolmentEntity, EnrolmentTokenEntity, type EnrolmentTokenRecord } from './enrolment.entity.js';

export interface EnrolmentToken {
  id: string;
  childCode: string;
  childName: string;
  level: NodeLevel;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type EnrolmentStatus = 'pending' | 'approved' | 'rejected';

export interface Enrolment {
  id: string;
  tokenId: string;
  childCode: string;
  childName: string;
  level: NodeLevel;
  csrPem: string;
  status: EnrolmentStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  rejectReason: string | null;
  certificateSerial: string | null;
  notBefore: Date | null;
  notAfter: Date | null;
  bundlePem: string | null;
  trustedRootPem: string | null;
}

/** Enrolment tokens and the enrolment requests made with them (the only writer of both tables). */
export class EnrolmentRepository {
  async insertToken(
    m: EntityManager,
    t: Omit<EnrolmentToken, 'createdAt' | 'usedAt'> & { tokenHash: string },
  ): Promise<EnrolmentToken> {
    const tokens = m.getRepository(EnrolmentTokenEntity);
    await tokens.insert(t);
    return withoutHash(await tokens.findOneByOrFail({ id: t.id }));
  }

  /** The token with this hash, locked for the enrolment that uses it. */
  async lockTokenByHash(m: EntityManager, tokenHash: string): Promise<EnrolmentToken | null> {
    const token = await m
      .getRepository(EnrolmentTokenEntity)
      .findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
    return token ? withoutHash(token) : null;
  }

  async tokenHashOf(m: EntityManager, tokenId: string): Promise<string | null> {
    const token = await m
      .getRepository(EnrolmentTokenEntity)
      .findOne({ select: { id: true, tokenHash: true }, where: { id: tokenId } });
    return token?.tokenHash ?? null;
  }

  async markTokenUsed(m: EntityManager, tokenId: string): Promise<void> {
    await m.getRepository(EnrolmentTokenEntity).update({ id: tokenId }, { usedAt: () => 'now()' });
  }

  async insertEnrolment(
    m: EntityManager,
    e: Pick<Enrolment, 'id' | 'tokenId' | 'childCode' | 'childName' | 'level' | 'csrPem'>,
  ): Promise<Enrolment> {
    const enrolments = m.getRepository(EnrolmentEntity);
    await enrolments.insert(e);
    return enrolments.findOneByOrFail({ id: e.id });
  }

  async find(m: EntityManager, id: string, lock = false): Promise<Enrolment | null> {
    return m
      .getRepository(EnrolmentEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async list(m: EntityManager, status?: EnrolmentStatus): Promise<Enrolment[]> {
    return m.getRepository(EnrolmentEntity).find({ where: status ? { status } : {}, order: { requestedAt: 'ASC' } });
  }

  async approve(
    m: EntityManager,
    id: string,
    d: {
      decidedBy: string;
      serial: string;
      notBefore: Date;
      notAfter: Date;
      bundlePem: string;
      trustedRootPem: string;
    },
  ): Promise<void> {
    await m.getRepository(EnrolmentEntity).update(
      { id },
      {
        status: 'approved',
        decidedAt: () => 'now()',
        decidedBy: d.decidedBy,
        certificateSerial: d.serial,
        notBefore: d.notBefore,
        notAfter: d.notAfter,
        bundlePem: d.bundlePem,
        trustedRootPem: d.trustedRootPem,
      },
    );
  }

  async reject(m: EntityManager, id: string, decidedBy: string, reason: string): Promise<void> {
    await m
      .getRepository(EnrolmentEntity)
      .update({ id }, { status: 'rejected', decidedAt: () => 'now()', decidedBy, rejectReason: reason });
  }
}

function withoutHash({ tokenHash: _hash, ...token }: EnrolmentTokenRecord): EnrolmentToken {
  return token;
}
