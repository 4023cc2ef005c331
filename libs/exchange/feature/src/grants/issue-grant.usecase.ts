import { Inject, Injectable } from '@nestjs/common';
import type { DemandApplicationEventV1, GrantTerms } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CallPlans } from '../calls/call-plans.js';
import { EntryRefRepository } from '../entries/entry-ref.repository.js';
import { GrantEvents } from './grant-events.js';
import { GrantRepository } from './grant.repository.js';

/**
 * 授权签发 — a sharing application was granted (`demand.application.v1`, in the event's transaction).
 * With this node as provider the grant is issued, or replaced by a newer version's terms
 * (`exchange.grant.v1` issued/updated); granted to one of this node's organisations elsewhere, the
 * grant is kept for routing its calls. A grant of this node's data decided on another node (the
 * applicant's node granting unconditionally shared data at once) holds only if the data is shared
 * here without conditions.
 */
@Injectable()
export class IssueGrantUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly grants: GrantRepository,
    private readonly entries: EntryRefRepository,
    private readonly plans: CallPlans,
    private readonly events: GrantEvents,
  ) {}

  async execute(
    manager: EntityManager,
    application: DemandApplicationEventV1['application'],
    terms: GrantTerms,
    origin: string,
  ): Promise<void> {
    const nodeCode = this.config.node.code;
    const enforcedHere = terms.providerNode === nodeCode;
    if (!enforcedHere && terms.consumerNode !== nodeCode) return;
    const entry = enforcedHere ? await this.entries.find(manager, terms.entryId) : null;
    if (enforcedHere && origin !== nodeCode && entry?.sharingType !== 'unconditional') {
      this.logger.warn(
        { application: application.id, origin, entry: terms.entryId, sharing: entry?.sharingType ?? null },
        'grant from another node for data not shared without conditions ignored',
      );
      return;
    }
    const result = await this.grants.upsertTerms(manager, {
      id: application.id,
      applicationId: application.id,
      applicationVersion: application.version,
      consumerNode: terms.consumerNode,
      consumerOrganisationId: terms.consumerOrganisationId,
      serviceAccounts: (terms.serviceAccounts ?? []).map((s) => s.replace(/^service:/, '')),
      providerNode: terms.providerNode,
      providerOrganisationId:
        terms.providerOrganisationId ?? application.target.providerOrganisationId ?? entry?.organisationId ?? null,
      entryId: terms.entryId,
      entryCode: terms.entryCode ?? entry?.code ?? application.target.entryCode ?? null,
      items: terms.items,
      purpose: terms.purpose,
      validFrom: terms.validFrom,
      validUntil: terms.validUntil,
      ratePerSecond: terms.ratePerSecond,
      burst: terms.burst,
      quotaPerDay: terms.quotaPerDay ?? null,
      quotaPerMonth: terms.quotaPerMonth ?? null,
    });
    if (!result) return;
    await this.plans.grantChanged(result.grant);
    if (enforcedHere) await this.events.publish(manager, result.created ? 'issued' : 'updated', result.grant, null);
  }
}
