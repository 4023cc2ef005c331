import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { OutboundPolicy } from '@govdata/platform-outbound';
import { CredentialVault, LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EntryRefRepository, type EntryRef } from '../entries/entry-ref.repository.js';
import { quotasOf, rateOf, type Grant } from '../grants/grant.js';
import { GrantRepository } from '../grants/grant.repository.js';
import { GrantAdmission, type GrantLimits } from '../policy/grant-admission.js';
import { parseQuotaLimits } from '../policy/grant-quota.js';
import { tokenBucketLimitSchema } from '../policy/grant-token-bucket.js';
import { ResponseMasker } from '../policy/masking-policy.js';
import { PermittedItems } from '../policy/permitted-items.js';
import type { ResponseItem } from '../policy/response-items.js';
import { UpstreamCallers, type UpstreamCaller } from '../policy/upstream-caller.js';
import { credentialContext, type ApiResourceRecord } from '../resources/api-resource.js';
import { ApiResourceRepository } from '../resources/api-resource.repository.js';
import { OperationMatcher } from '../resources/openapi-operations.js';

/** Everything a call under one grant needs, prepared once: the item filter, the masker, the caller. */
export interface ResourcePlan {
  resource: ApiResourceRecord;
  entry: EntryRef | null;
  matcher: OperationMatcher;
  permitted: PermittedItems;
  masker: ResponseMasker;
  caller: UpstreamCaller;
  /** Credentials to add to each upstream request. */
  credentialHeaders: Record<string, string>;
  credentialQuery: [name: string, value: string] | null;
}

export interface CallPlan {
  grant: Grant;
  /** The grant's rate and quotas, checked; null when the grant is enforced on another node. */
  limits: GrantLimits | null;
  /** null when the grant's entry has no API resource on this node (or the grant is enforced elsewhere). */
  resource: ResourcePlan | null;
}

/**
 * How long a prepared plan is used before the grant, resource and entry are read again. A grant
 * changed by any replica is seen at the next call (its version in Redis, checked with the rate);
 * this bounds how long another replica's change of a resource or an entry can go unseen.
 */
const PLAN_TTL_MS = 1_000;

/**
 * Call plans per grant, cached for a second: a call then costs no database read before the upstream
 * is called, and one circuit breaker serves every call to a resource.
 */
@Injectable()
export class CallPlans implements OnModuleDestroy {
  private readonly plans = new Map<string, { plan: Promise<CallPlan | null>; until: number }>();
  private readonly callers: UpstreamCallers;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly grants: GrantRepository,
    private readonly resources: ApiResourceRepository,
    private readonly entries: EntryRefRepository,
    private readonly vault: CredentialVault,
    private readonly admission: GrantAdmission,
    @Inject(LOGGER) private readonly logger: Logger,
    outbound: OutboundPolicy,
  ) {
    this.callers = new UpstreamCallers(outbound);
  }

  /** The plan of a grant; null when no such grant is known here. */
  get(grantId: string): Promise<CallPlan | null> {
    const now = Date.now();
    const cached = this.plans.get(grantId);
    if (cached && cached.until > now) return cached.plan;
    const plan = this.build(grantId);
    this.plans.set(grantId, { plan, until: now + PLAN_TTL_MS });
    // A failed build (the database away) is not remembered; an unknown grant is, briefly.
    plan.catch(() => this.plans.delete(grantId));
    return plan;
  }

  /** The plan read again from the database (the grant changed since it was made). */
  reload(grantId: string): Promise<CallPlan | null> {
    this.plans.delete(grantId);
    return this.get(grantId);
  }

  /**
   * A grant changed (issued, replaced, revoked, expired): this process forgets its plan now, and
   * every replica's plan of an older version is refused at its next call (given the grant's id only,
   * every plan of it is read again for a while). Resolves once Redis holds the new version; when it
   * cannot be told, the other replicas' plans expire within a second.
   */
  async grantChanged(grant: string | Pick<Grant, 'id' | 'version'>): Promise<void> {
    const [id, version] = typeof grant === 'string' ? [grant, null] : [grant.id, grant.version];
    this.plans.delete(id);
    try {
      await this.admission.grantChanged(id, version);
    } catch (error) {
      this.logger.warn(
        { err: error, grant: id },
        'telling the other replicas of a grant change failed; their plans expire within a second',
      );
    }
  }

  /** A resource of the entry was registered or deleted, or the entry changed. */
  forgetEntry(entryId: string): void {
    for (const [grantId, cached] of this.plans) {
      void cached.plan.then(
        (plan) => {
          if (!plan || plan.grant.entryId === entryId) this.plans.delete(grantId);
        },
        () => undefined,
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.callers.closeAll();
  }

  private async build(grantId: string): Promise<CallPlan | null> {
    const manager = this.dataSource.manager;
    const grant = await this.grants.find(manager, grantId);
    if (!grant) return null;
    if (grant.providerNode !== this.config.node.code) return { grant, limits: null, resource: null };
    // Validated when the grant was made; a bad one here is a bug, not bad input.
    const limits = { rate: tokenBucketLimitSchema.parse(rateOf(grant)), quotas: parseQuotaLimits(quotasOf(grant)) };
    const [resource, entry] = await Promise.all([
      this.resources.findByEntry(manager, this.config.node.code, grant.entryId),
      this.entries.find(manager, grant.entryId),
    ]);
    if (!resource) return { grant, limits, resource: null };
    const items = responseItems(resource, entry);
    const { headers, query } = await this.credentials(resource);
    return {
      grant,
      limits,
      resource: {
        resource,
        entry,
        matcher: new OperationMatcher(resource.operations),
        permitted: new PermittedItems(grant.items, items),
        // An entry without a known grade is masked as core data: the strictest rules.
        masker: new ResponseMasker(entry?.grade ?? 'core', items),
        caller: this.callers.get(resource.id, { ...resource.upstream, baseUrl: resource.baseUrl }),
        credentialHeaders: headers,
        credentialQuery: query,
      },
    };
  }

  private async credentials(
    resource: ApiResourceRecord,
  ): Promise<{ headers: Record<string, string>; query: [string, string] | null }> {
    if (resource.credentialKind === 'none' || resource.credentialCipher === null) return { headers: {}, query: null };
    const secret = await this.vault.open(resource.credentialCipher, credentialContext(resource.id));
    const meta = resource.credentialMeta;
    switch (resource.credentialKind) {
      case 'api-key':
        return meta.in === 'query'
          ? { headers: {}, query: [meta.name!, secret] }
          : { headers: { [meta.name!.toLowerCase()]: secret }, query: null };
      case 'bearer':
        return { headers: { authorization: `Bearer ${secret}` }, query: null };
      case 'basic':
        return {
          headers: { authorization: `Basic ${Buffer.from(`${meta.username}:${secret}`, 'utf8').toString('base64')}` },
          query: null,
        };
    }
  }
}

/**
 * The resource's field ↔ item mapping, completed with the entry's items (data type and data element
 * decide masking): every item of the entry is known, mapped to its declared field or its own name.
 */
function responseItems(resource: ApiResourceRecord, entry: EntryRef | null): ResponseItem[] {
  const declared = new Map(resource.responseItems.map((item) => [item.item, item]));
  const fromEntry = (entry?.items ?? []).map((item): ResponseItem => {
    const mapping = declared.get(item.name);
    return {
      item: item.name,
      ...(mapping?.field !== undefined ? { field: mapping.field } : {}),
      ...(item.dataType !== undefined ? { dataType: item.dataType } : {}),
      ...(item.dataElement !== undefined ? { dataElement: item.dataElement } : {}),
      ...(mapping?.maskAs !== undefined ? { maskAs: mapping.maskAs } : {}),
    };
  });
  const known = new Set(fromEntry.map((i) => i.item));
  return [...fromEntry, ...resource.responseItems.filter((item) => !known.has(item.item))];
}
