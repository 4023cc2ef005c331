import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { StandardEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import { DownwardRepository } from './downward.repository.js';

/**
 * Feeds the standards and directives this node issues into its downward log, in the inbox
 * transaction, for its children's links; the ancestors' ones arrive over the parent link instead.
 */
@Controller()
export class StandardsFeedController {
  constructor(
    private readonly log: DownwardRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('catalog.standard.v1')
  async onStandard(@Payload() event: StandardEventV1, @Ctx() context: EventContext): Promise<void> {
    if (event.standard.origin !== this.config.node.code) return;
    await this.log.append(context.manager, {
      eventId: context.event.id,
      origin: event.standard.origin,
      kind: event.standard.kind,
      key: event.standard.key,
      version: event.standard.version,
      path: [this.config.node.code],
      eventTime: new Date(event.at),
      payload: event,
    });
  }
}
