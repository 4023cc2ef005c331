import { Inject, Injectable } from '@nestjs/common';
import type { IssuedStandard, StandardBodies, StandardEventV1, StandardKind } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { StandardsRepository } from './standards.repository.js';

/**
 * 标准发布 — a standard this node owns changed: the next version is recorded and
 * `catalog.standard.v1` written to the outbox in the caller's transaction, for the federation to
 * carry down to the subtree.
 */
@Injectable()
export class StandardIssuer {
  constructor(
    private readonly standards: StandardsRepository,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async issue<K extends StandardKind>(
    manager: EntityManager,
    change: { kind: K; key: string; action: 'upsert' | 'remove'; body: StandardBodies[K]; issuedBy: string },
  ): Promise<IssuedStandard> {
    const { version, issuedAt } = await this.standards.issue(manager, change);
    const standard = {
      kind: change.kind,
      key: change.key,
      origin: this.config.node.code,
      version,
      body: change.body,
    } as IssuedStandard;
    const data: StandardEventV1 = { action: change.action, at: issuedAt.toISOString(), standard };
    await this.publisher.publish(manager, {
      type: 'catalog.standard.v1',
      subject: `${change.kind}/${change.key}`,
      data,
    });
    return standard;
  }
}
