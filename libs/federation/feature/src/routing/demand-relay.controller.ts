import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { ORIGIN_EXTENSION } from '@govdata/platform-messaging';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import { MessageRelay } from './message-relay.js';

/**
 * 供需对接 across nodes: each change of a sharing application made here is carried to the other
 * party's node (the provider's when this node is the applicant's, and back), in the inbox
 * transaction. Changes that arrived from elsewhere are not sent again.
 */
@Controller()
export class DemandRelayController {
  constructor(
    private readonly relay: MessageRelay,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('demand.application.v1')
  async onApplication(@Payload() event: DemandApplicationEventV1, @Ctx() context: EventContext): Promise<void> {
    const own = this.config.node.code;
    const origin = (context.event[ORIGIN_EXTENSION] as string | undefined) ?? own;
    if (origin !== own) return;
    const { application } = event;
    const applicantNode = application.applicant.nodeCode;
    const providerNode = application.target.providerNode;
    const destination = applicantNode === own ? providerNode : providerNode === own ? applicantNode : null;
    if (!destination || destination === own) return;
    await this.relay.pass(context.manager, {
      eventId: context.event.id,
      kind: 'demand.application',
      origin: own,
      key: application.id,
      version: application.version,
      path: [own],
      eventTime: new Date(application.at),
      payload: event,
      destination,
    });
  }
}
