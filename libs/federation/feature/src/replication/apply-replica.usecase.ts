import { Inject, Injectable } from '@nestjs/common';
import type { federationV1, ReplicaEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher, type NewEvent } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { checkEnvelope, isRefusal, type AcceptedEnvelope } from '../links/envelope-rules.js';
import { LinkRepository } from '../links/link.repository.js';
import { isRoutedKind, MessageRelay } from '../routing/message-relay.js';
import { ReplicationRepository, type ReplicationLogRow } from './replication.repository.js';

/** What a batch writes once at its end: the replica events for the catalog and the log rows for the parent. */
interface Pending {
  events: NewEvent[];
  logRows: Omit<ReplicationLogRow, 'seq'>[];
}

export type ApplyOutcome =
  { outcome: 'applied'; lagSeconds: number } | { outcome: 'stale' } | { outcome: 'refused'; reason: string };

/**
 * Applies what a child sends. A batch of envelopes (in the child's order) is one transaction: each
 * replica (if its version is higher), its `federation.replica.v1` event for this node's catalog, the log
 * row that carries it on to this node's parent (path extended), and the child's cursor. A refused
 * envelope is dead-lettered and the cursor moves past it, so one bad message never stalls the link.
 */
@Injectable()
export class ApplyReplicaUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replicas: ReplicationRepository,
    private readonly links: LinkRepository,
    private readonly publisher: EventPublisher,
    private readonly relay: MessageRelay,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(childCode: string, envelope: federationV1.ReplicateRequest): Promise<ApplyOutcome> {
    return (await this.executeBatch(childCode, [envelope]))[0]!;
  }

  /** Applies envelopes in order in one transaction; one outcome per envelope. */
  async executeBatch(childCode: string, envelopes: readonly federationV1.ReplicateRequest[]): Promise<ApplyOutcome[]> {
    const ownCode = this.config.node.code;
    return this.dataSource.transaction(async (m) => {
      await this.links.lockCursor(m, childCode);
      const outcomes: ApplyOutcome[] = [];
      const pending: Pending = { events: [], logRows: [] };
      let lastSeq = 0;
      let lastEventTime: Date | null = null;
      for (const envelope of envelopes) {
        lastSeq = Math.max(lastSeq, envelope.seq);
        if (isRoutedKind(envelope.kind)) {
          const message = this.relay.check({ ...envelope, key: envelope.recordKey }, childCode, 'child');
          if (typeof message !== 'string') {
            await this.relay.pass(m, message);
            outcomes.push({ outcome: 'applied', lagSeconds: (Date.now() - message.eventTime.getTime()) / 1000 });
            continue;
          }
          await this.refuse(m, childCode, envelope, message);
          outcomes.push({ outcome: 'refused', reason: message });
          continue;
        }
        const checked = checkEnvelope(envelope, childCode, ownCode);
        if (isRefusal(checked)) {
          const reason = `${checked.rule}: ${checked.message}`;
          await this.refuse(m, childCode, envelope, reason);
          outcomes.push({ outcome: 'refused', reason });
          continue;
        }
        lastEventTime = checked.eventTime;
        outcomes.push(await this.applyChecked(m, checked, false, pending));
      }
      await this.flush(m, pending);
      await this.links.advance(m, childCode, lastSeq, lastEventTime);
      return outcomes;
    });
  }

  private async refuse(
    m: EntityManager,
    childCode: string,
    envelope: federationV1.ReplicateRequest,
    reason: string,
  ): Promise<void> {
    await this.links.deadLetter(m, {
      childCode,
      seq: envelope.seq,
      eventId: envelope.id,
      origin: envelope.origin,
      reason,
      envelope: { ...envelope, recordJson: envelope.recordJson.slice(0, 100_000) },
    });
  }

  /**
   * Applies a record an anti-entropy repair sent again (in the caller's transaction): checked like any
   * envelope, and stored even at an equal version when this node's copy differs (it was altered here).
   * The child's cursor is not touched.
   */
  async repair(m: EntityManager, childCode: string, envelope: federationV1.ReplicateRequest): Promise<ApplyOutcome> {
    const checked = checkEnvelope(envelope, childCode, this.config.node.code);
    if (isRefusal(checked)) return { outcome: 'refused', reason: `${checked.rule}: ${checked.message}` };
    const pending: Pending = { events: [], logRows: [] };
    const outcome = await this.applyChecked(m, checked, true, pending);
    await this.flush(m, pending);
    return outcome;
  }

  private async flush(m: EntityManager, pending: Pending): Promise<void> {
    await this.publisher.publishMany(m, pending.events);
    await this.replicas.appendMany(m, pending.logRows);
  }

  private async applyChecked(
    m: EntityManager,
    checked: AcceptedEnvelope,
    repair: boolean,
    pending: Pending,
  ): Promise<ApplyOutcome> {
    const receivedAt = new Date();
    const path = [...checked.path, this.config.node.code];
    const stored = await this.replicas.upsertReplica(
      m,
      {
        origin: checked.origin,
        recordKey: checked.recordKey,
        kind: checked.kind,
        version: checked.version,
        eventId: checked.id,
        path,
        payload: checked.record,
        eventTime: checked.eventTime,
        receivedAt,
      },
      { replaceAltered: repair },
    );
    if (!stored) return { outcome: 'stale' };
    const data: ReplicaEventV1 = {
      kind: checked.kind,
      origin: checked.origin,
      path,
      version: checked.version,
      receivedAt: receivedAt.toISOString(),
      record: checked.record,
    };
    pending.events.push({
      type: 'federation.replica.v1',
      subject: checked.recordKey,
      origin: checked.origin,
      data,
    });
    if (this.config.node.parent) {
      pending.logRows.push({
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
  }
}
