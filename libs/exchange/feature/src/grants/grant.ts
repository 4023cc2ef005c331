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

/** Beijing time is UTC+8 all year (no daylight saving since 1991), so the offset is exact. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar date of an instant, `YYYY-MM-DD` (validity is counted in Beijing dates). */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Why the grant does not cover a call by `clientId` of the organisation at `at`; null when it does. */
export function grantRefusal(
  grant: Grant,
  consumer: { node: string; organisationId: string; subject: string },
  at: Date,
): { reason: string; message: string } | null {
  if (grant.consumerNode !== consumer.node || grant.consumerOrganisationId !== consumer.organisationId) {
    return {
      reason: 'not-grantee',
      message: `grant ${grant.id} was not made to organisation ${consumer.organisationId} of node ${consumer.node}`,
    };
  }
  const clientId = consumer.subject.replace(/^service:/, '');
  if (grant.serviceAccounts.length > 0 && !grant.serviceAccounts.includes(clientId)) {
    return {
      reason: 'service-account-not-granted',
      message: `service account ${clientId} is not among those grant ${grant.id} names`,
    };
  }
  if (grant.status === 'revoked') {
    return {
      reason: 'grant-revoked',
      message: `grant ${grant.id} was revoked${grant.revokedReason ? `: ${grant.revokedReason}` : ''}`,
    };
  }
  const today = beijingDate(at);
  if (grant.status === 'expired' || today > grant.validUntil) {
    return { reason: 'grant-expired', message: `grant ${grant.id} expired after ${grant.validUntil}` };
  }
  if (today < grant.validFrom) {
    return { reason: 'grant-not-yet-valid', message: `grant ${grant.id} is valid from ${grant.validFrom}` };
  }
  return null;
}

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
