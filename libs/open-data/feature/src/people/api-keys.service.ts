import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { GovdataError } from '@govdata/platform-errors';
import { DataSource } from 'typeorm';
import { OpenAccessLimits } from '../access/open-access-limits.js';
import { ApiKeyRepository } from './api-key.repository.js';
import type { ApiKeyRecord, OpenAccount } from './open-account.js';
import { realNameRequired } from './people.exception.js';
import { randomToken, sha256 } from './secret-tokens.js';

/** A key's daily quota unless its creator asks for less (reads of rows, downloads, datastore_search). */
export const DEFAULT_DAILY_QUOTA = 10_000;
export const MAX_DAILY_QUOTA = 100_000;
/** Live keys one account may hold. */
export const MAX_LIVE_KEYS = 20;

export interface ApiKeyView extends Omit<ApiKeyRecord, 'accountId'> {
  usedToday: number;
}

/**
 * 应用密钥 — API keys of a real-name person's applications, for programs (`X-Api-Key`): shown once
 * at creation, kept as sha256 only, revocable, each with a daily quota counted in Redis.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly limits: OpenAccessLimits,
  ) {}

  async create(account: OpenAccount, name: string, dailyQuota: number): Promise<ApiKeyView & { key: string }> {
    if (!account.realName) throw realNameRequired('创建 API 密钥');
    const live = (await this.keys.listOf(this.dataSource.manager, account.id)).filter((k) => !k.revokedAt);
    if (live.length >= MAX_LIVE_KEYS) {
      throw GovdataError.conflict(
        `每个账号最多 ${MAX_LIVE_KEYS} 个有效密钥，请先吊销不用的密钥 (at most ${MAX_LIVE_KEYS} live keys)`,
      );
    }
    const key = `gdk_${randomToken()}`;
    const record = await this.keys.create(this.dataSource.manager, {
      id: randomUUID(),
      accountId: account.id,
      name,
      keyHash: sha256(key),
      keyPrefix: key.slice(0, 8),
      dailyQuota,
    });
    return { ...view(record, 0), key };
  }

  async list(account: OpenAccount): Promise<ApiKeyView[]> {
    const records = await this.keys.listOf(this.dataSource.manager, account.id);
    return Promise.all(records.map(async (r) => view(r, r.revokedAt ? 0 : await this.limits.apiKeyUsage(r.id))));
  }

  async revoke(account: OpenAccount, id: string): Promise<void> {
    if (!(await this.keys.revoke(this.dataSource.manager, account.id, id))) {
      throw GovdataError.notFound('API key', id);
    }
  }
}

function view(record: ApiKeyRecord, usedToday: number): ApiKeyView {
  const { accountId: _accountId, ...rest } = record;
  return { ...rest, usedToday };
}
