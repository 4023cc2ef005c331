import type { NodeLevel } from '@govdata/codes';
import type { RevocationEntry, RevocationReason } from '@govdata/federation-pki';
import type { EntityManager } from 'typeorm';

export type ChildStatus = 'pending' | 'active' | 'revoked';

/** A node this node enrolled (or is enrolling) as its child. */
export interface ChildNode {
  code: string;
  name: string;
  level: NodeLevel;
  status: ChildStatus;
  certificateSerial: string | null;
  notBefore: Date | null;
  notAfter: Date | null;
  enrolledAt: Date | null;
  revokedAt: Date | null;
  revokeReason: string | null;
  lastSeenAt: Date | null;
  lagSeconds: number | null;
  softwareVersion: string | null;
}

type Row = Record<string, unknown>;

/** The child registry, the revocations and the signed CRL of this node. */
export class RegistryRepository {
  async children(m: EntityManager): Promise<ChildNode[]> {
    const rows: Row[] = await m.query('SELECT * FROM child_node ORDER BY code');
    return rows.map(toChild);
  }

  async child(m: EntityManager, code: string, lock = false): Promise<ChildNode | null> {
    const rows: Row[] = await m.query(`SELECT * FROM child_node WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code]);
    return rows[0] ? toChild(rows[0]) : null;
  }

  /** A child asked to enrol: listed as pending unless it already holds a certificate. */
  async markPending(m: EntityManager, c: { code: string; name: string; level: NodeLevel }): Promise<void> {
    await m.query(
      `INSERT INTO child_node (code, name, level, status) VALUES ($1, $2, $3, 'pending')
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
         , status = CASE WHEN child_node.status = 'active' THEN 'active' ELSE 'pending' END`,
      [c.code, c.name, c.level],
    );
  }

  /** A rejected request leaves no trace in the registry unless the child was enrolled before. */
  async forgetPending(m: EntityManager, code: string): Promise<void> {
    await m.query(`DELETE FROM child_node WHERE code = $1 AND status = 'pending'`, [code]);
  }

  async markActive(
    m: EntityManager,
    c: { code: string; name: string; level: NodeLevel; serial: string; notBefore: Date; notAfter: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO child_node (code, name, level, status, certificate_serial, not_before, not_after, enrolled_at)
       VALUES ($1, $2, $3, 'active', $4, $5, $6, now())
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, status = 'active',
         certificate_serial = EXCLUDED.certificate_serial, not_before = EXCLUDED.not_before,
         not_after = EXCLUDED.not_after, enrolled_at = now(), revoked_at = NULL, revoke_reason = NULL,
         updated_at = now()`,
      [c.code, c.name, c.level, c.serial, c.notBefore, c.notAfter],
    );
  }

  /** Remembers a certificate issued to a child (every one, so revocation can reach them all). */
  async recordCertificate(
    m: EntityManager,
    c: { code: string; serial: string; notBefore: Date; notAfter: Date; via: 'enrolment' | 'renewal' },
  ): Promise<void> {
    await m.query(
      `INSERT INTO child_certificate (serial, child_code, not_before, not_after, issued_via)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (serial) DO NOTHING`,
      [c.serial, c.code, c.notBefore, c.notAfter, c.via],
    );
  }

  /** Serials of a child's certificates that have not expired yet. */
  async liveSerials(m: EntityManager, code: string): Promise<string[]> {
    const rows: Row[] = await m.query(
      'SELECT serial FROM child_certificate WHERE child_code = $1 AND not_after > now() ORDER BY issued_at',
      [code],
    );
    return rows.map((r) => r['serial'] as string);
  }

  /** A renewal: the child's current certificate is the new one (status and enrolment unchanged). */
  async markRenewed(
    m: EntityManager,
    c: { code: string; serial: string; notBefore: Date; notAfter: Date },
  ): Promise<void> {
    await m.query(
      `UPDATE child_node SET certificate_serial = $2, not_before = $3, not_after = $4, updated_at = now() WHERE code = $1`,
      [c.code, c.serial, c.notBefore, c.notAfter],
    );
  }

  async markRevoked(m: EntityManager, code: string, at: Date, reason: string): Promise<void> {
    await m.query(
      `UPDATE child_node SET status = 'revoked', revoked_at = $2, revoke_reason = $3, updated_at = now() WHERE code = $1`,
      [code, at, reason],
    );
  }

  async revocations(m: EntityManager): Promise<RevocationEntry[]> {
    const rows: Row[] = await m.query(
      'SELECT serial, child_code, revoked_at, reason FROM revocation ORDER BY revoked_at',
    );
    return rows.map((r) => ({
      serial: r['serial'] as string,
      childCode: r['child_code'] as string,
      revokedAt: r['revoked_at'] as Date,
      reason: r['reason'] as RevocationReason,
    }));
  }

  async insertRevocation(
    m: EntityManager,
    e: RevocationEntry & { note: string | null; revokedBy: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO revocation (serial, child_code, revoked_at, reason, note, revoked_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (serial) DO NOTHING`,
      [e.serial, e.childCode, e.revokedAt, e.reason, e.note, e.revokedBy],
    );
  }

  /** The CRL state of this node, locked: revocations are numbered one at a time. */
  async lockRevocationList(
    m: EntityManager,
    issuerCode: string,
  ): Promise<{ number: number; crlPem: string | null; signedAt: Date | null }> {
    await m.query(
      'INSERT INTO revocation_list (issuer_code, number) VALUES ($1, 0) ON CONFLICT (issuer_code) DO NOTHING',
      [issuerCode],
    );
    const rows: Row[] = await m.query(
      'SELECT number, crl_pem, signed_at FROM revocation_list WHERE issuer_code = $1 FOR UPDATE',
      [issuerCode],
    );
    const row = rows[0]!;
    return {
      number: row['number'] as number,
      crlPem: (row['crl_pem'] as string | null) ?? null,
      signedAt: (row['signed_at'] as Date | null) ?? null,
    };
  }

  async saveRevocationList(m: EntityManager, issuerCode: string, number: number, crlPem: string): Promise<void> {
    await m.query('UPDATE revocation_list SET number = $2, crl_pem = $3, signed_at = now() WHERE issuer_code = $1', [
      issuerCode,
      number,
      crlPem,
    ]);
  }
}

function toChild(r: Row): ChildNode {
  return {
    code: r['code'] as string,
    name: r['name'] as string,
    level: r['level'] as NodeLevel,
    status: r['status'] as ChildStatus,
    certificateSerial: (r['certificate_serial'] as string | null) ?? null,
    notBefore: (r['not_before'] as Date | null) ?? null,
    notAfter: (r['not_after'] as Date | null) ?? null,
    enrolledAt: (r['enrolled_at'] as Date | null) ?? null,
    revokedAt: (r['revoked_at'] as Date | null) ?? null,
    revokeReason: (r['revoke_reason'] as string | null) ?? null,
    lastSeenAt: (r['last_seen_at'] as Date | null) ?? null,
    lagSeconds: (r['lag_seconds'] as number | null) ?? null,
    softwareVersion: (r['software_version'] as string | null) ?? null,
  };
}
