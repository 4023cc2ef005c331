import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher, ORIGIN_EXTENSION } from '@govdata/platform-messaging';
import { EventContext, LOGGER, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CallPlans } from '../calls/call-plans.js';
import { grantEventData } from './grant.js';
import { GrantRepository } from './grant.repository.js';
import { GrantService } from './grant.service.js';

/** Grants come from sharing applications (供需对接) granted by the demand service, and end with them. */
@Controller()
export class DemandEventsController {
  constructor(
    private readonly grants: GrantService,
    private readonly grantRows: GrantRepository,
    private readonly plans: CallPlans,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OnEvent('demand.application.v1')
  async onApplication(@Payload() event: DemandApplicationEventV1, @Ctx() context: EventContext): Promise<void> {
    const origin = (context.event[ORIGIN_EXTENSION] as string | undefined) ?? this.config.node.code;
    if (event.application.state === 'revoked') return this.revoked(context.manager, event, origin);
    await this.grants.applyApplication(context.manager, event, origin);
  }

  /**
   * 撤销授权 decided in the demand workflow by the provider side: the grant ends as revoked, with the
   * revocation's legal ground as its reason (what a refused call is told). Only the provider's node
   * revokes; at the consumer's node the routing copy ends too.
   */
  private async revoked(manager: EntityManager, event: DemandApplicationEventV1, origin: string): Promise<void> {
    const { application } = event;
    if (origin !== application.target.providerNode) {
      this.logger.warn(
        { application: application.id, origin },
        'revocation from a node other than the provider ignored',
      );
      return;
    }
    const step = application.timeline?.findLast((s) => s.step === 'revocation');
    const reason = `撤销授权：${step?.groundTitle ?? step?.groundCode ?? '提供方撤销'}${step?.comment ? `（${step.comment}）` : ''}`;
    const ended = await this.grantRows.end(manager, application.id, 'revoked', reason, step?.actor?.subject ?? null);
    if (!ended) return;
    this.plans.forgetGrant(ended);
    if (ended.providerNode !== this.config.node.code) return;
    await this.publisher.publish(manager, {
      type: 'exchange.grant.v1',
      subject: ended.id,
      data: {
        action: 'revoked',
        grant: grantEventData(ended),
        actor: step?.actor ? { subject: step.actor.subject, organisationId: step.actor.organisationId } : null,
        reason,
        at: new Date().toISOString(),
      },
    });
  }
}
