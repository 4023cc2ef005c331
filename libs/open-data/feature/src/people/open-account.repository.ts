import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import type { Channel, OpenAccount, RealName } from './open-account.js';

interface AccountRaw {
  id: string;
  channel: Channel;
  identifier: string;
  password_hash: string;
  verified_at: Date | null;
  created_at: Date;
  real_name_kind: RealName['kind'] | null;
  real_name: string | null;
  real_name_id_masked: string | null;
  real_name_method: RealName['method'] | null;
  real_name_verified_at: Date | null;
}

export function toOpenAccount(r: AccountRaw): OpenAccount {
  return {
    id: r.id,
    channel: r.channel,
    identifier: r.identifier,
    passwordHash: r.password_hash,
    verifiedAt: r.verified_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    realName:
      r.real_name_kind && r.real_name_verified_at
        ? {
            kind: r.real_name_kind,
            name: r.real_name ?? '',
            idMasked: r.real_name_id_masked ?? '',
            method: r.real_name_method ?? 'uscc-check-digit',
            verifiedAt: r.real_name_verified_at.toISOString(),
          }
        : null,
  };
}

export interface StoredCode {
  codeHash: string;
  expiresAt: Date;
  attempts: number;
}

/** The open portal's accounts and their verification codes: the only writer of `open_account` and `open_verification_code`. */
export class OpenAccountRepository {
  async findByIdentifier(manager: EntityManager, identifier: string): Promise<OpenAccount | null> {
    const rows: AccountRaw[] = await manager.query('SELECT * FROM open_account WHERE identifier = $1', [identifier]);
    return rows[0] ? toOpenAccount(rows[0]) : null;
  }

  async findById(manager: EntityManager, id: string): Promise<OpenAccount | null> {
    const rows: AccountRaw[] = await manager.query('SELECT * FROM open_account WHERE id = $1', [id]);
    return rows[0] ? toOpenAccount(rows[0]) : null;
  }

  /** Creates the account, or — not yet verified — replaces its password (a second registration attempt). */
  async upsertUnverified(
    manager: EntityManager,
    account: { id: string; channel: Channel; identifier: string; passwordHash: string },
  ): Promise<OpenAccount | null> {
    const rows: AccountRaw[] = await manager.query(
      `INSERT INTO open_account (id, channel, identifier, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (identifier) DO UPDATE SET password_hash = EXCLUDED.password_hash
         WHERE open_account.verified_at IS NULL
       RETURNING *`,
      [account.id, account.channel, account.identifier, account.passwordHash],
    );
    return rows[0] ? toOpenAccount(rows[0]) : null;
  }

  async markVerified(manager: EntityManager, id: string): Promise<void> {
    await manager.query('UPDATE open_account SET verified_at = now() WHERE id = $1 AND verified_at IS NULL', [id]);
    await manager.query('DELETE FROM open_verification_code WHERE account_id = $1', [id]);
  }

  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.query('UPDATE open_account SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
  }

  /** Records 实名认证 unless one is already recorded; false when it was. */
  async recordRealName(manager: EntityManager, id: string, realName: Omit<RealName, 'verifiedAt'>): Promise<boolean> {
    const rows = await modifiedRows(
      manager,
      `UPDATE open_account SET real_name_kind = $2, real_name = $3, real_name_id_masked = $4,
         real_name_method = $5, real_name_verified_at = now()
       WHERE id = $1 AND real_name_verified_at IS NULL RETURNING id`,
      [id, realName.kind, realName.name, realName.idMasked, realName.method],
    );
    return rows.length > 0;
  }

  async storeCode(manager: EntityManager, accountId: string, codeHash: string, validSeconds: number): Promise<void> {
    await manager.query(
      `INSERT INTO open_verification_code (account_id, code_hash, expires_at, attempts)
       VALUES ($1, $2, now() + make_interval(secs => $3), 0)
       ON CONFLICT (account_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at, attempts = 0`,
      [accountId, codeHash, validSeconds],
    );
  }

  /** Counts one attempt at the account's code and returns it as it was before the attempt. */
  async attemptCode(manager: EntityManager, accountId: string): Promise<StoredCode | null> {
    const rows = await modifiedRows<{ code_hash: string; expires_at: Date; attempts: number }>(
      manager,
      `UPDATE open_verification_code SET attempts = attempts + 1 WHERE account_id = $1
       RETURNING code_hash, expires_at, attempts - 1 AS attempts`,
      [accountId],
    );
    const row = rows[0];
    return row ? { codeHash: row.code_hash, expiresAt: row.expires_at, attempts: Number(row.attempts) } : null;
  }
}
