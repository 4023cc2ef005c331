import { Injectable } from '@nestjs/common';
import type { GrantStatus } from '@govdata/contracts';
import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import type { Grant } from './grant.js';

/** An `exchange_grant` row as pg returns it (dates selected as text). */
export interface GrantRecordRaw {
  id: string;
  application_id: string;
  application_version: number;
  version: number;
  status: GrantStatus;
  consumer_node: string;
  consumer_organisation_id: string;
  service_accounts: string[];
  provider_node: string;
  provider_organisation_id: string | null;
  entry_id: string;
  entry_code: string | null;
  items: string[];
  purpose: string;
  valid_from: string;
  valid_until: string;
  /** double precision: pg answers a number; kept as a number however it comes. */
  rate_per_second: number | string;
  burst: number;
  quota_per_day: number | null;
  quota_per_month: number | null;
  revoked_reason: string | null;
  changed_by: string | null;
  created_at: Date;
  changed_at: Date;
}

export type GrantTermsInput = Pick<
  Grant,
  | 'id'
  | 'applicationId'
  | 'applicationVersion'
  | 'consumerNode'
  | 'consumerOrganisationId'
  | 'serviceAccounts'
  | 'providerNode'
  | 'providerOrganisationId'
  | 'entryId'
  | 'entryCode'
  | 'items'
  | 'purpose'
  | 'validFrom'
  | 'validUntil'
  | 'ratePerSecond'
  | 'burst'
  | 'quotaPerDay'
  | 'quotaPerMonth'
>;

// Dates as text: a DATE column read through pg would become a local-midnight Date.
const COLUMNS = `id, application_id, application_version, version, status, consumer_node, consumer_organisation_id,
  service_accounts, provider_node, provider_organisation_id, entry_id, entry_code, items, purpose,
  valid_from::text AS valid_from, valid_until::text AS valid_until, rate_per_second, burst, quota_per_day,
  quota_per_month, revoked_reason, changed_by, created_at, changed_at`;

export interface GrantListFilter {
  /** Grants this node's exchange enforces (provider) or its organisations hold (consumer). */
  side: 'provider' | 'consumer';
  /** Restrict to one organisation on that side; null = all. */
  organisationId: string | null;
  status?: GrantStatus;
}

/** 授权 rows: grants this node enforces as provider, and grants its organisations hold elsewhere. */
@Injectable()
export class GrantRepository {
  /**
   * Inserts or replaces the terms from a newer application version (an older or equal one changes
   * nothing and returns null). A replaced grant becomes active again with its version raised.
   */
  async upsertTerms(
    manager: EntityManager,
    terms: GrantTermsInput,
  ): Promise<{ grant: Grant; created: boolean } | null> {
    const rows: Array<GrantRecordRaw & { created: boolean }> = await manager.query(
      `INSERT INTO exchange_grant (id, application_id, application_version, version, status, consumer_node,
         consumer_organisation_id, service_accounts, provider_node, provider_organisation_id, entry_id, entry_code,
         items, purpose, valid_from, valid_until, rate_per_second, burst, quota_per_day, quota_per_month)
       VALUES ($1, $2, $3, 1, 'active', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (id) DO UPDATE SET
         application_version = EXCLUDED.application_version, version = exchange_grant.version + 1, status = 'active',
         consumer_node = EXCLUDED.consumer_node, consumer_organisation_id = EXCLUDED.consumer_organisation_id,
         service_accounts = EXCLUDED.service_accounts, provider_node = EXCLUDED.provider_node,
         provider_organisation_id = EXCLUDED.provider_organisation_id, entry_id = EXCLUDED.entry_id,
         entry_code = EXCLUDED.entry_code, items = EXCLUDED.items, purpose = EXCLUDED.purpose,
         valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
         rate_per_second = EXCLUDED.rate_per_second, burst = EXCLUDED.burst, quota_per_day = EXCLUDED.quota_per_day,
         quota_per_month = EXCLUDED.quota_per_month, revoked_reason = NULL, changed_by = NULL, changed_at = now()
       WHERE exchange_grant.application_version < EXCLUDED.application_version
       RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [
        terms.id,
        terms.applicationId,
        terms.applicationVersion,
        terms.consumerNode,
        terms.consumerOrganisationId,
        terms.serviceAccounts,
        terms.providerNode,
        terms.providerOrganisationId,
        terms.entryId,
        terms.entryCode,
        terms.items,
        terms.purpose,
        terms.validFrom,
        terms.validUntil,
        terms.ratePerSecond,
        terms.burst,
        terms.quotaPerDay,
        terms.quotaPerMonth,
      ],
    );
    const row = rows[0];
    return row ? { grant: toGrant(row), created: row.created } : null;
  }

  async find(manager: EntityManager, id: string): Promise<Grant | null> {
    const rows: GrantRecordRaw[] = await manager.query(`SELECT ${COLUMNS} FROM exchange_grant WHERE id = $1`, [id]);
    return rows[0] ? toGrant(rows[0]) : null;
  }

  async list(manager: EntityManager, nodeCode: string, filter: GrantListFilter): Promise<Grant[]> {
    const [nodeColumn, organisationColumn] =
      filter.side === 'provider'
        ? ['provider_node', 'provider_organisation_id']
        : ['consumer_node', 'consumer_organisation_id'];
    const rows: GrantRecordRaw[] = await manager.query(
      `SELECT ${COLUMNS} FROM exchange_grant
        WHERE ${nodeColumn} = $1 AND ($2::uuid IS NULL OR ${organisationColumn} = $2)
          AND ($3::text IS NULL OR status = $3)
        ORDER BY changed_at DESC, id LIMIT 1000`,
      [nodeCode, filter.organisationId, filter.status ?? null],
    );
    return rows.map(toGrant);
  }

  /** Ends an active grant (revoked or expired); null when it was not active. */
  async end(
    manager: EntityManager,
    id: string,
    status: 'revoked' | 'expired',
    reason: string | null,
    actor: string | null,
  ): Promise<Grant | null> {
    const rows = await modifiedRows<GrantRecordRaw>(
      manager,
      `UPDATE exchange_grant SET status = $2, revoked_reason = $3, changed_by = $4, version = version + 1,
              changed_at = now()
        WHERE id = $1 AND status = 'active'
        RETURNING ${COLUMNS}`,
      [id, status, reason, actor],
    );
    return rows[0] ? toGrant(rows[0]) : null;
  }

  /** Marks this node's active grants whose last valid day is before `today` as expired. */
  async expireBefore(manager: EntityManager, nodeCode: string, today: string): Promise<Grant[]> {
    const rows = await modifiedRows<GrantRecordRaw>(
      manager,
      `UPDATE exchange_grant SET status = 'expired', version = version + 1, changed_at = now()
        WHERE status = 'active' AND provider_node = $1 AND valid_until < $2::date
        RETURNING ${COLUMNS}`,
      [nodeCode, today],
    );
    return rows.map(toGrant);
  }
}

/** The grant of a row; the only place its columns become fields. */
export function toGrant(row: GrantRecordRaw): Grant {
  return {
    id: row.id,
    applicationId: row.application_id,
    applicationVersion: row.application_version,
    version: row.version,
    status: row.status,
    consumerNode: row.consumer_node,
    consumerOrganisationId: row.consumer_organisation_id,
    serviceAccounts: row.service_accounts,
    providerNode: row.provider_node,
    providerOrganisationId: row.provider_organisation_id,
    entryId: row.entry_id,
    entryCode: row.entry_code,
    items: row.items,
    purpose: row.purpose,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    ratePerSecond: Number(row.rate_per_second),
    burst: row.burst,
    quotaPerDay: row.quota_per_day,
    quotaPerMonth: row.quota_per_month,
    revokedReason: row.revoked_reason,
    changedBy: row.changed_by,
    createdAt: row.created_at,
    changedAt: row.changed_at,
  };
}
