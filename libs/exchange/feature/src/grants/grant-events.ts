import { Injectable } from '@nestjs/common';
import type { GrantEventAction } from '@govdata/contracts';
import { EventPublisher } from '@govdata/platform-messaging';
import type { EntityManager } from 'typeorm';
import { grantEventData, type Grant } from './grant.js';

/** Who changed a grant, as the event names them; null for the node itself (expiry, an ended application). */
export type GrantActor = { subject: string; organisationId: string } | null;

/** `exchange.grant.v1` — a grant after its change, written in the change's transaction. */
@Injectable()
export class GrantEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async publish(
    manager: EntityManager,
    action: GrantEventAction,
    grant: Grant,
    actor: GrantActor,
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
