import { beijingDate } from '@govdata/calendar';
import type { ExchangeGrantEventV1, GrantStatus } from '@govdata/contracts';
import type { QuotaLimit } from '../policy/grant-quota.js';
import type { TokenBucketLimit } from '../policy/grant-token-bucket.js';

/** 授权 — what a consumer organisation may call of a provider's catalog entry, and how much. */
export interface Grant {
  /** The id of the sharing application it came from. */
  id: string;
  applicationId: string;
  applicationVersion: number;
  version: number;
  status: GrantStatus;
  consumerNode: string;
  consumerOrganisationId: string;
  /** Client ids of the service accounts that may call; empty = any of the organisation's. */
  serviceAccounts: string[];
  providerNode: string;
  providerOrganisationId: string | null;
  entryId: string;
  entryCode: string | null;
  items: string[];
  purpose: string;
  /** Beijing dates `YYYY-MM-DD`, both included. */
  validFrom: string;
  validUntil: string;
  ratePerSecond: number;
  burst: number;
  quotaPerDay: number | null;
  quotaPerMonth: number | null;
  revokedReason: string | null;
  changedBy: string | null;
  createdAt: Date;
  changedAt: Date;
}

export type GrantView = Omit<Grant, 'createdAt' | 'changedAt'> & { createdAt: string; changedAt: string };

export function toGrantView(grant: Grant): GrantView {
  return { ...grant, createdAt: grant.createdAt.toISOString(), changedAt: grant.changedAt.toISOString() };
}

export function rateOf(grant: Grant): TokenBucketLimit {
  return { capacity: grant.burst, refillPerSecond: grant.ratePerSecond };
}

export function quotasOf(grant: Grant): QuotaLimit[] {
  const quotas: QuotaLimit[] = [];
  if (grant.quotaPerDay !== null) quotas.push({ period: 'day', limit: grant.quotaPerDay });
  if (grant.quotaPerMonth !== null) quotas.push({ period: 'month', limit: grant.quotaPerMonth });
  return quotas;
}

/** Validity is counted in Beijing dates (the shared calendar's). */
export { beijingDate };

export function grantEventData(grant: Grant): ExchangeGrantEventV1['grant'] {
  return {
    id: grant.id,
    applicationId: grant.applicationId,
    applicationVersion: grant.applicationVersion,
    version: grant.version,
    status: grant.status,
    consumer: {
      node: grant.consumerNode,
      organisationId: grant.consumerOrganisationId,
      serviceAccounts: grant.serviceAccounts,
    },
    provider: { node: grant.providerNode, organisationId: grant.providerOrganisationId },
    entryId: grant.entryId,
    entryCode: grant.entryCode,
    items: grant.items,
    purpose: grant.purpose,
    validFrom: grant.validFrom,
    validUntil: grant.validUntil,
    rate: { ratePerSecond: grant.ratePerSecond, burst: grant.burst },
    quota: { perDay: grant.quotaPerDay, perMonth: grant.quotaPerMonth },
    revokedReason: grant.revokedReason,
  };
}
