import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import type { ApiKeyRecord } from './open-account.js';

interface ApiKeyRaw {
  id: string;
  account_id: string;
  name: string;
  key_prefix: string;
  daily_quota: number;
  created_at: Date;
  revoked_at: Date | null;
}

export function toApiKey(r: ApiKeyRaw): ApiKeyRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    keyPrefix: r.key_prefix,
    dailyQuota: Number(r.daily_quota),
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

/** API keys of applications, by the sha256 of the key: the only writer of `open_api_key`. */
export class ApiKeyRepository {
  async create(
    manager: EntityManager,
    key: { id: string; accountId: string; name: string; keyHash: string; keyPrefix: string; dailyQuota: number },
  ): Promise<ApiKeyRecord> {
    const rows: ApiKeyRaw[] = await manager.query(
      `INSERT INTO open_api_key (id, account_id, name, key_hash, key_prefix, daily_quota)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [key.id, key.accountId, key.name, key.keyHash, key.keyPrefix, key.dailyQuota],
    );
    return toApiKey(rows[0]!);
  }

  async listOf(manager: EntityManager, accountId: string): Promise<ApiKeyRecord[]> {
    const rows: ApiKeyRaw[] = await manager.query(
      'SELECT * FROM open_api_key WHERE account_id = $1 ORDER BY created_at DESC, id',
      [accountId],
    );
    return rows.map(toApiKey);
  }

  /** A live (not revoked) key by its hash. */
  async findLive(manager: EntityManager, keyHash: string): Promise<ApiKeyRecord | null> {
    const rows: ApiKeyRaw[] = await manager.query(
      'SELECT * FROM open_api_key WHERE key_hash = $1 AND revoked_at IS NULL',
      [keyHash],
    );
    return rows[0] ? toApiKey(rows[0]) : null;
  }

  /** Revokes the account's key; false when it is not the account's or already revoked. */
  async revoke(manager: EntityManager, accountId: string, id: string): Promise<boolean> {
    const rows = await modifiedRows(
      manager,
      'UPDATE open_api_key SET revoked_at = now() WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL RETURNING id',
      [id, accountId],
    );
    return rows.length > 0;
  }
}
