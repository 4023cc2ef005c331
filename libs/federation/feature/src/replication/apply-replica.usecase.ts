import { Inject, Injectable } from '@nestjs/common';
import type { federationV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher, type NewEvent } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { checkEnvelope, isRefusal, replicaEvent, type AcceptedEnvelope } from '../links/envelope-rules.js';
import { LinkRepository } from '../links/link.repository.js';
import { isRoutedKind, MessageRelay, type RoutedMessage } from '../routing/message-relay.js';
import { recordId, ReplicationRepository, type EncodedLogRow } from './replication.repository.js';

export type ApplyOutcome =
  { outcome: 'applied'; lagSeconds: number } | { outcome: 'stale' } | { outcome: 'refused'; reason: string };

/** What the checks made of one envelope: a record to apply, a message to pass on, or why it is refused. */
interface Checked {
  envelope: federationV1.ReplicateRequest;
  accepted?: AcceptedEnvelope;
  routed?: RoutedMessage;
  refused?: string;
}

/** A replica stored here, and when. */
interface Stored {
  accepted: AcceptedEnvelope;
  receivedAt: Date;
}

/** Accepted envelopes waiting for their replicas to be stored, with where their outcomes go. */
interface Pending {
  accepted: AcceptedEnvelope[];
  /** Index of each in the batch's outcomes. */
  slots: number[];
  /** Records among them (origin and key): a second envelope of one of these flushes the first. */
  records: Set<string>;
}

/**
 * Applies what a child sends. A batch of envelopes (in the child's order) is one transaction: each
 * replica (if its version is higher), its `federation.replica.v1` event for this node's catalog, the log
 * row that carries it on to this node's parent (path extended), and the child's cursor. A refused
 * envelope is dead-lettered and the cursor moves past it, so one bad message never stalls the link.
 *
 * The replicas of a batch are stored with one statement (one per run of distinct records: a record
 * twice in a batch is applied in order, the second against what the first left), the events and log
 * rows with one each.
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
    // The checks need no database: all of them first, so the cursor is locked and moved in one statement.
    const checks = envelopes.map((envelope): Checked => {
      if (isRoutedKind(envelope.kind)) {
        const message = this.relay.check({ ...envelope, key: envelope.recordKey }, childCode, 'child');
        return typeof message === 'string' ? { envelope, refused: message } : { envelope, routed: message };
      }
      const checked = checkEnvelope(envelope, childCode, ownCode);
      return isRefusal(checked)
        ? { envelope, refused: `${checked.rule}: ${checked.message}` }
        : { envelope, accepted: checked };
    });
    const lastSeq = Math.max(0, ...envelopes.map((e) => e.seq));
    const lastEventTime = checks.findLast((c) => c.accepted)?.accepted?.eventTime ?? null;
    return this.dataSource.transaction(async (m) => {
      // Locks the child's cursor for the transaction: one batch of a child is applied at a time.
      await this.links.lockAndAdvance(m, childCode, lastSeq, lastEventTime);
      const outcomes: ApplyOutcome[] = [];
      const stored: Stored[] = [];
      const pending: Pending = { accepted: [], slots: [], records: new Set() };
      for (const check of checks) {
        if (check.routed) {
          await this.relay.pass(m, check.routed);
          outcomes.push({ outcome: 'applied', lagSeconds: (Date.now() - check.routed.eventTime.getTime()) / 1000 });
        } else if (check.refused !== undefined) {
          await this.refuse(m, childCode, check.envelope, check.refused);
          outcomes.push({ outcome: 'refused', reason: check.refused });
        } else {
          const accepted = check.accepted!;
          const id = recordId(accepted.origin, accepted.recordKey);
          if (pending.records.has(id)) stored.push(...(await this.store(m, pending, outcomes, false)));
          pending.accepted.push(accepted);
          pending.slots.push(outcomes.length);
          pending.records.add(id);
          outcomes.push({ outcome: 'stale' }); // until stored
        }
      }
      stored.push(...(await this.store(m, pending, outcomes, false)));
      await this.announce(m, stored);
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
    const outcomes: ApplyOutcome[] = [{ outcome: 'stale' }];
    const pending: Pending = { accepted: [checked], slots: [0], records: new Set() };
    await this.announce(m, await this.store(m, pending, outcomes, true));
    return outcomes[0]!;
  }

  /**
   * Stores the pending replicas in one statement, fills in their outcomes and empties `pending`;
   * returns those stored (newer than what this node held).
   */
  private async store(
    m: EntityManager,
    pending: Pending,
    outcomes: ApplyOutcome[],
    replaceAltered: boolean,
  ): Promise<Stored[]> {
    const { accepted, slots } = pending;
    pending.accepted = [];
    pending.slots = [];
    pending.records = new Set();
    if (accepted.length === 0) return [];
    const receivedAt = new Date();
    const ownCode = this.config.node.code;
    const stored = await this.replicas.upsertReplicas(
      m,
      accepted.map((a) => ({
        origin: a.origin,
        recordKey: a.recordKey,
        kind: a.kind,
        version: a.version,
        eventId: a.id,
        path: [...a.path, ownCode],
        payloadJson: a.recordJson,
        eventTime: a.eventTime,
        receivedAt,
      })),
      { replaceAltered },
    );
    const applied: Stored[] = [];
    for (const [i, a] of accepted.entries()) {
      if (!stored[i]) continue;
      applied.push({ accepted: a, receivedAt });
      outcomes[slots[i]!] = {
        outcome: 'applied',
        lagSeconds: (receivedAt.getTime() - a.eventTime.getTime()) / 1000,
      };
    }
    return applied;
  }

  /**
   * For the replicas stored, in order: their events (`federation.replica.v1` for this node's catalog,
   * `federation.open-dataset.v1` for its open-data service) and, when this node has a parent, the log
   * rows that carry them on (one statement each).
   */
  private async announce(m: EntityManager, stored: readonly Stored[]): Promise<void> {
    if (stored.length === 0) return;
    const ownCode = this.config.node.code;
    const events: NewEvent[] = stored.map(({ accepted: a, receivedAt }) => ({
      ...replicaEvent(a, ownCode, receivedAt),
      subject: a.recordKey,
      origin: a.origin,
    }));
    // Checked once, by the envelope rules: the data is built only from what they accepted.
    await this.publisher.publishManyChecked(m, events);
    if (!this.config.node.parent) return;
    const logRows: Omit<EncodedLogRow, 'seq'>[] = stored.map(({ accepted: a }) => ({
      eventId: a.id,
      kind: a.kind,
      origin: a.origin,
      recordKey: a.recordKey,
      version: a.version,
      path: [...a.path, ownCode],
      eventTime: a.eventTime,
      payloadJson: a.recordJson,
    }));
    await this.replicas.appendMany(m, logRows);
  }
}
