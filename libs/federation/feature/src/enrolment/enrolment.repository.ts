import type { NodeLevel } from '@govdata/codes';
import type { EntityManager } from 'typeorm';

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

type Row = Record<string, unknown>;

/** Enrolment tokens and the enrolment requests made with them. */
export class EnrolmentRepository {
  async insertToken(
    m: EntityManager,
    t: Omit<EnrolmentToken, 'createdAt' | 'usedAt'> & { tokenHash: string },
  ): Promise<EnrolmentToken> {
    const rows: Row[] = await m.query(
      `INSERT INTO enrolment_token (id, token_hash, child_code, child_name, level, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [t.id, t.tokenHash, t.childCode, t.childName, t.level, t.createdBy, t.expiresAt],
    );
    return toToken(rows[0]!);
  }

  /** The token with this hash, locked for the enrolment that uses it. */
  async lockTokenByHash(m: EntityManager, tokenHash: string): Promise<EnrolmentToken | null> {
    const rows: Row[] = await m.query('SELECT * FROM enrolment_token WHERE token_hash = $1 FOR UPDATE', [tokenHash]);
    return rows[0] ? toToken(rows[0]) : null;
  }

  async tokenHashOf(m: EntityManager, tokenId: string): Promise<string | null> {
    const rows: Row[] = await m.query('SELECT token_hash FROM enrolment_token WHERE id = $1', [tokenId]);
    return (rows[0]?.['token_hash'] as string | undefined) ?? null;
  }

  async markTokenUsed(m: EntityManager, tokenId: string): Promise<void> {
    await m.query('UPDATE enrolment_token SET used_at = now() WHERE id = $1', [tokenId]);
  }

  async insertEnrolment(
    m: EntityManager,
    e: Pick<Enrolment, 'id' | 'tokenId' | 'childCode' | 'childName' | 'level' | 'csrPem'>,
  ): Promise<Enrolment> {
    const rows: Row[] = await m.query(
      `INSERT INTO enrolment (id, token_id, child_code, child_name, level, csr_pem)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [e.id, e.tokenId, e.childCode, e.childName, e.level, e.csrPem],
    );
    return toEnrolment(rows[0]!);
  }

  async find(m: EntityManager, id: string, lock = false): Promise<Enrolment | null> {
    const rows: Row[] = await m.query(`SELECT * FROM enrolment WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toEnrolment(rows[0]) : null;
  }

  async list(m: EntityManager, status?: EnrolmentStatus): Promise<Enrolment[]> {
    const rows: Row[] = await m.query(
      'SELECT * FROM enrolment WHERE ($1::text IS NULL OR status = $1) ORDER BY requested_at',
      [status ?? null],
    );
    return rows.map(toEnrolment);
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
    await m.query(
      `UPDATE enrolment SET status = 'approved', decided_at = now(), decided_by = $2, certificate_serial = $3,
         not_before = $4, not_after = $5, bundle_pem = $6, trusted_root_pem = $7
       WHERE id = $1`,
      [id, d.decidedBy, d.serial, d.notBefore, d.notAfter, d.bundlePem, d.trustedRootPem],
    );
  }

  async reject(m: EntityManager, id: string, decidedBy: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE enrolment SET status = 'rejected', decided_at = now(), decided_by = $2, reject_reason = $3 WHERE id = $1`,
      [id, decidedBy, reason],
    );
  }
}

function toToken(r: Row): EnrolmentToken {
  return {
    id: r['id'] as string,
    childCode: r['child_code'] as string,
    childName: r['child_name'] as string,
    level: r['level'] as NodeLevel,
    createdBy: r['created_by'] as string,
    createdAt: r['created_at'] as Date,
    expiresAt: r['expires_at'] as Date,
    usedAt: (r['used_at'] as Date | null) ?? null,
  };
}

function toEnrolment(r: Row): Enrolment {
  return {
    id: r['id'] as string,
    tokenId: r['token_id'] as string,
    childCode: r['child_code'] as string,
    childName: r['child_name'] as string,
    level: r['level'] as NodeLevel,
    csrPem: r['csr_pem'] as string,
    status: r['status'] as EnrolmentStatus,
    requestedAt: r['requested_at'] as Date,
    decidedAt: (r['decided_at'] as Date | null) ?? null,
    decidedBy: (r['decided_by'] as string | null) ?? null,
    rejectReason: (r['reject_reason'] as string | null) ?? null,
    certificateSerial: (r['certificate_serial'] as string | null) ?? null,
    notBefore: (r['not_before'] as Date | null) ?? null,
    notAfter: (r['not_after'] as Date | null) ?? null,
    bundlePem: (r['bundle_pem'] as string | null) ?? null,
    trustedRootPem: (r['trusted_root_pem'] as string | null) ?? null,
  };
}
