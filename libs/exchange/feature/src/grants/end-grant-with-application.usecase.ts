import { Inject, Injectable } from '@nestjs/common';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { CallPlans } from '../calls/call-plans.js';
import { GrantEvents } from './grant-events.js';
import { GrantRepository } from './grant.repository.js';

/** Application states that end a grant made from it. */
export const GRANT_ENDING_APPLICATION_STATES: ReadonlySet<string> = new Set(['withdrawn', 'expired', 'rejected']);

/**
 * A sharing application was withdrawn, expired or rejected (`demand.application.v1`, in the event's
 * transaction): a grant made from it ends — expired with an expired application, revoked otherwise —
 * and, at the provider's node, `exchange.grant.v1` says so.
 */
@Injectable()
export class EndGrantWithApplicationUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly grants: GrantRepository,
    private readonly plans: CallPlans,
    private readonly events: GrantEvents,
  ) {}

  async execute(manager: EntityManager, application: DemandApplicationEventV1['application']): Promise<void> {
    const ended = await this.grants.end(
      manager,
      application.id,
      application.state === 'expired' ? 'expired' : 'revoked',
      `the sharing application was ${application.state}`,
      null,
    );
    if (!ended) return;
    await this.plans.grantChanged(ended);
    if (ended.providerNode === this.config.node.code) {
      await this.events.publish(
        manager,
        ended.status === 'expired' ? 'expired' : 'revoked',
        ended,
        null,
        ended.revokedReason,
      );
    }
  }
}
