import { Inject, Injectable } from '@nestjs/common';
import type { federationV1, ReplicaEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { checkEnvelope, isRefusal } from '../links/envelope-rules.js';
import { LinkRepository } from '../links/link.repository.js';
import { ReplicationRepository } from './replication.repository.js';

export type ApplyOutcome =
  { outcome: 'applied'; lagSeconds: number } | { outcome: 'stale' } | { outcome: 'refused'; reason: string };

/**
 * Applies one envelope a child sent, in one transaction: the replica (if its version is higher), the
 * `federation.replica.v1` event for this node's catalog, the log row that carries it on to this node's
 * parent (path extended), and the child's cursor. A refused envelope is dead-lettered and the cursor
 * moves on, so one bad message never stalls the link.
 */
@Injectable()
export class ApplyReplicaUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replicas: ReplicationRepository,
    private readonly links: LinkRepository,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(childCode: string, envelope: federationV1.ReplicateRequest): Promise<ApplyOutcome> {
    const ownCode = this.config.node.code;
    return this.dataSource.transaction(async (m) => {
      await this.links.lockCursor(m, childCode);
      const checked = checkEnvelope(envelope, childCode, ownCode);
      if (isRefusal(checked)) {
        const reason = `${checked.rule}: ${checked.message}`;
        await this.links.deadLetter(m, {
          childCode,
          seq: envelope.seq,
          eventId: envelope.id,
          origin: envelope.origin,
          reason,
          envelope: { ...envelope, recordJson: envelope.recordJson.slice(0, 100_000) },
        });
        await this.links.advance(m, childCode, envelope.seq, null);
        return { outcome: 'refused', reason };
      }
      const receivedAt = new Date();
      const path = [...checked.path, ownCode];
      const stored = await this.replicas.upsertReplica(m, {
        origin: checked.origin,
        recordKey: checked.recordKey,
        kind: checked.kind,
        version: checked.version,
        eventId: checked.id,
        path,
        payload: checked.record,
        eventTime: checked.eventTime,
        receivedAt,
      });
      await this.links.advance(m, childCode, envelope.seq, checked.eventTime);
      if (!stored) return { outcome: 'stale' };
      const data: ReplicaEventV1 = {
        kind: checked.kind,
        origin: checked.origin,
        path,
        version: checked.version,
        receivedAt: receivedAt.toISOString(),
        record: checked.record,
      };
      await this.publisher.publish(m, {
        type: 'federation.replica.v1',
        subject: checked.recordKey,
        origin: checked.origin,
        data,
      });
      if (this.config.node.parent) {
        await this.replicas.append(m, {
          eventId: checked.id,
          kind: checked.kind,
          origin: checked.origin,
          recordKey: checked.recordKey,
          version: checked.version,
          path,
          eventTime: checked.eventTime,
          payload: checked.record,
        });
      }
      return { outcome: 'applied', lagSeconds: (receivedAt.getTime() - checked.eventTime.getTime()) / 1000 };
    });
  }
}
