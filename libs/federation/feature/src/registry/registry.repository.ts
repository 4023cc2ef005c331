import type { NodeLevel } from '@govdata/codes';
import type { RevocationEntry } from '@govdata/federation-pki';
import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import { ChildNodeEntity, RevocationEntity, RevocationListEntity } from './registry.entity.js';

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

/** `child_node` as the silence check returns it. */
interface SilenceRaw {
  code: string;
  last_seen_at: Date | null;
}

/** `child_certificate` as `liveSerials` reads it. */
interface SerialRaw {
  serial: string;
}

/** The child registry, the revocations and the signed CRL of this node (the only writer of their tables). */
export class RegistryRepository {
  async children(m: EntityManager): Promise<ChildNode[]> {
    return m.getRepository(ChildNodeEntity).find({ order: { code: 'ASC' } });
  }

  async child(m: EntityManager, code: string, lock = false): Promise<ChildNode | null> {
    return m
      .getRepository(ChildNodeEntity)
      .findOne({ where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
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
    const rows: SerialRaw[] = await m.query(
      'SELECT serial FROM child_certificate WHERE child_code = $1 AND not_after > now() ORDER BY issued_at',
      [code],
    );
    return rows.map((r) => r.serial);
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
    const rows = await m.getRepository(RevocationEntity).find({
      select: { serial: true, childCode: true, revokedAt: true, reason: true },
      order: { revokedAt: 'ASC' },
    });
    return rows.map(({ serial, childCode, revokedAt, reason }) => ({ serial, childCode, revokedAt, reason }));
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
    const { number, crlPem, signedAt } = await m
      .getRepository(RevocationListEntity)
      .findOneOrFail({ where: { issuerCode }, lock: { mode: 'pessimistic_write' } });
    return { number, crlPem, signedAt };
  }

  async saveRevocationList(m: EntityManager, issuerCode: string, number: number, crlPem: string): Promise<void> {
    await m.getRepository(RevocationListEntity).update({ issuerCode }, { number, crlPem, signedAt: () => 'now()' });
  }

  /** The registry columns the links fill: last seen, lag (seconds) and the child's software version. */
  async touchChild(
    m: EntityManager,
    code: string,
    seen: { at: Date; lagSeconds?: number; softwareVersion?: string },
  ): Promise<void> {
    await m.query(
      `UPDATE child_node SET last_seen_at = $2, lag_seconds = COALESCE($3, lag_seconds),
         software_version = COALESCE($4, software_version), updated_at = now() WHERE code = $1`,
      [code, seen.at, seen.lagSeconds ?? null, seen.softwareVersion ?? null],
    );
  }

  /**
   * Children whose silence state changes now: active children not heard from for `thresholdSeconds`
   * (never connected counts from enrolment) are marked silent; silent ones heard from since are
   * unmarked. Revoked children are unmarked quietly. One row per change.
   */
  async silenceChanges(
    m: EntityManager,
    thresholdSeconds: number,
  ): Promise<{ code: string; lastSeenAt: Date | null; silent: boolean }[]> {
    const silent = await modifiedRows<SilenceRaw>(
      m,
      `UPDATE child_node SET silent_alert_at = now()
        WHERE status = 'active' AND silent_alert_at IS NULL
          AND COALESCE(last_seen_at, enrolled_at, updated_at) < now() - make_interval(secs => $1)
        RETURNING code, last_seen_at`,
      [thresholdSeconds],
    );
    const resumed = await modifiedRows<SilenceRaw>(
      m,
      `UPDATE child_node SET silent_alert_at = NULL
        WHERE silent_alert_at IS NOT NULL AND last_seen_at > silent_alert_at AND status = 'active'
        RETURNING code, last_seen_at`,
      [],
    );
    await m.query(
      `UPDATE child_node SET silent_alert_at = NULL WHERE silent_alert_at IS NOT NULL AND status <> 'active'`,
    );
    return [
      ...silent.map((r) => ({ code: r.code, lastSeenAt: r.last_seen_at ?? null, silent: true })),
      ...resumed.map((r) => ({ code: r.code, lastSeenAt: r.last_seen_at ?? null, silent: false })),
    ];
  }
}
