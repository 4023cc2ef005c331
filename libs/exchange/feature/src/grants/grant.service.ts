import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { DemandApplicationEventV1, GrantEventAction } from '@govdata/contracts';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { EventPublisher } from '@govdata/platform-messaging';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { CallPlans } from '../calls/call-plans.js';
import { EntryRefRepository } from '../entries/entry-ref.repository.js';
import { assertDataAdminOf, readableOrganisation } from '../exchange-access.js';
import { beijingDate, grantEventData, toGrantView, type Grant, type GrantView } from './grant.js';
import { GrantRepository, type GrantListFilter } from './grant.repository.js';

/** How often the node looks for grants past their validity. */
const EXPIRY_SWEEP_MS = 60_000;
/** Application states that end a grant made from it. */
const ENDING_STATES = new Set(['withdrawn', 'expired', 'rejected']);

/**
 * 授权 — grants issued from granted sharing applications (`demand.application.v1`) whose provider is
 * this node, revoked by the provider's data-admin, expired after their last valid day. Every change
 * is an `exchange.grant.v1` event, written with the change.
 */
@Injectable()
export class GrantService implements OnModuleInit, OnModuleDestroy {
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly grants: GrantRepository,
    private readonly entries: EntryRefRepository,
    private readonly publisher: EventPublisher,
    private readonly plans: CallPlans,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.expireDue().catch((error: unknown) => this.logger.warn({ err: error }, 'grant expiry sweep failed'));
    }, EXPIRY_SWEEP_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /**
   * A sharing application changed. Granted with this node as provider: the grant is issued (or
   * replaced by the newer terms). Granted to one of this node's organisations elsewhere: the grant is
   * kept for routing its calls. Withdrawn, expired or rejected: a grant made from it ends.
   */
  async applyApplication(manager: EntityManager, event: DemandApplicationEventV1, origin: string): Promise<void> {
    const { application } = event;
    const terms = application.grant;
    if (event.action === 'granted' && terms) {
      const enforcedHere = terms.providerNode === this.nodeCode;
      if (!enforcedHere && terms.consumerNode !== this.nodeCode) return;
      const entry = enforcedHere ? await this.entries.find(manager, terms.entryId) : null;
      // A grant of this node's data decided elsewhere (the applicant's node granting unconditionally
      // shared data at once) holds only if the data is shared here without conditions.
      if (enforcedHere && origin !== this.nodeCode && entry?.sharingType !== 'unconditional') {
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
      this.plans.forgetGrant(result.grant);
      if (enforcedHere) await this.publish(manager, result.created ? 'issued' : 'updated', result.grant, null);
      return;
    }
    if (ENDING_STATES.has(application.state)) {
      const ended = await this.grants.end(
        manager,
        application.id,
        application.state === 'expired' ? 'expired' : 'revoked',
        `the sharing application was ${application.state}`,
        null,
      );
      if (!ended) return;
      this.plans.forgetGrant(ended);
      if (ended.providerNode === this.nodeCode) {
        await this.publish(
          manager,
          ended.status === 'expired' ? 'expired' : 'revoked',
          ended,
          null,
          ended.revokedReason,
        );
      }
    }
  }

  async list(
    principal: Principal,
    query: { side: GrantListFilter['side']; organisationId?: string; status?: GrantListFilter['status'] },
  ): Promise<GrantView[]> {
    const organisationId = readableOrganisation(principal, this.nodeCode, query.organisationId, 'grants');
    const grants = await this.grants.list(this.dataSource.manager, this.nodeCode, {
      side: query.side,
      organisationId,
      ...(query.status ? { status: query.status } : {}),
    });
    return grants.map(toGrantView);
  }

  async get(principal: Principal, id: string): Promise<GrantView> {
    const grant = await this.grants.find(this.dataSource.manager, id);
    const scope = readableOrganisation(principal, this.nodeCode, undefined, 'grants');
    if (
      !grant ||
      (scope !== null && grant.providerOrganisationId !== scope && grant.consumerOrganisationId !== scope)
    ) {
      throw GovdataError.notFound('grant', id);
    }
    return toGrantView(grant);
  }

  /** The provider's data-admin withdraws a grant (撤销授权); calls under it are refused from now on. */
  async revoke(principal: Principal, id: string, reason: string): Promise<GrantView> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const grant = await this.grants.find(manager, id);
      if (!grant || grant.providerNode !== this.nodeCode) throw GovdataError.notFound('grant', id);
      assertDataAdminOf(
        principal,
        this.nodeCode,
        grant.providerOrganisationId ?? '',
        'revoke its grants',
        'exchange.grant.revoke',
      );
      if (grant.status !== 'active') {
        throw GovdataError.conflict(`grant ${id} is already ${grant.status}`, [
          { path: 'id', rule: 'grant-active', message: `the grant is ${grant.status}` },
        ]);
      }
      const ended = (await this.grants.end(manager, id, 'revoked', reason, principal.subject))!;
      await this.publish(manager, 'revoked', ended, principal, reason);
      return ended;
    });
    await this.plans.grantChanged(revoked);
    return toGrantView(revoked);
  }

  /** Expires this node's grants whose last valid (Beijing) day has passed; returns how many. */
  async expireDue(now = new Date()): Promise<number> {
    const expired = await this.dataSource.transaction(async (manager) => {
      const grants = await this.grants.expireBefore(manager, this.nodeCode, beijingDate(now));
      for (const grant of grants)
        await this.publish(manager, 'expired', grant, null, `valid until ${grant.validUntil}`);
      return grants;
    });
    await Promise.all(expired.map((grant) => this.plans.grantChanged(grant)));
    if (expired.length > 0) this.logger.info({ grants: expired.map((g) => g.id) }, 'grants expired');
    return expired.length;
  }

  private async publish(
    manager: EntityManager,
    action: GrantEventAction,
    grant: Grant,
    actor: Principal | null,
    reason?: string | null,
  ): Promise<void> {
    await this.publisher.publish(manager, {
      type: 'exchange.grant.v1',
      subject: grant.id,
      data: {
        action,
        grant: grantEventData(grant),
        actor: actor ? { subject: actor.subject, organisationId: actor.organisationId } : null,
        ...(reason ? { reason } : {}),
        at: new Date().toISOString(),
      },
    });
  }
}
