import { Inject, Injectable } from '@nestjs/common';
import { validateEventData, type federationV1, type StandardEventV1 } from '@govdata/contracts';
import { isUuid } from '@govdata/codes';
import { mayCertify } from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LinkRepository } from '../links/link.repository.js';
import { isRoutedKind, MessageRelay } from '../routing/message-relay.js';
import { DownwardRepository } from './downward.repository.js';

export type StandardOutcome = 'applied' | 'stale' | 'refused';

/**
 * Applies a standard or directive the parent sent down, in one transaction: kept as inherited (the
 * highest version per key), announced to this node's catalog as `federation.standard.v1`, logged for
 * this node's own children (path extended) and the cursor moved. One that fails the checks — its
 * path does not come down the tree to this node from an ancestor, or it is no catalog.standard.v1 —
 * is dead-lettered with the reason and the cursor moves past it.
 */
@Injectable()
export class ApplyStandardUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly downward: DownwardRepository,
    private readonly links: LinkRepository,
    private readonly publisher: EventPublisher,
    private readonly relay: MessageRelay,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(envelope: federationV1.StandardsResponse, log: Logger): Promise<StandardOutcome> {
    const parent = this.config.node.parent!.code;
    const own = this.config.node.code;
    return this.dataSource.transaction(async (m) => {
      await this.downward.lockCursor(m, parent);
      const checked = isRoutedKind(envelope.kind)
        ? this.relay.check(envelope, parent, 'parent')
        : check(envelope, parent, own);
      if (typeof checked === 'string') {
        log.warn({ seq: envelope.seq, origin: envelope.origin, reason: checked }, 'standard from the parent refused');
        await this.links.deadLetter(m, {
          childCode: parent,
          seq: envelope.seq,
          eventId: envelope.id,
          origin: envelope.origin,
          reason: `downward: ${checked}`,
          envelope: { ...envelope, recordJson: envelope.recordJson.slice(0, 100_000) },
        });
        await this.downward.advance(m, parent, envelope.seq);
        return 'refused';
      }
      if ('destination' in checked && isRoutedKind(envelope.kind)) {
        // A message for a node of this subtree (or this node) rather than a standard.
        await this.relay.pass(m, checked);
        await this.downward.advance(m, parent, envelope.seq);
        return 'applied';
      }
      const standard = checked as StandardEventV1;
      const receivedAt = new Date();
      const path = [...envelope.path, own];
      const eventTime = new Date(envelope.timeMs);
      const stored = await this.downward.upsertInherited(m, {
        origin: envelope.origin,
        kind: envelope.kind,
        key: envelope.key,
        version: envelope.version,
        path,
        payload: standard,
        eventTime,
        receivedAt,
      });
      if (stored) {
        await this.publisher.publish(m, {
          type: 'federation.standard.v1',
          subject: `${envelope.origin}/${envelope.kind}/${envelope.key}`,
          origin: envelope.origin,
          data: { ...standard, path, receivedAt: receivedAt.toISOString() },
        });
        await this.downward.append(m, {
          eventId: envelope.id,
          origin: envelope.origin,
          kind: envelope.kind,
          key: envelope.key,
          version: envelope.version,
          path,
          eventTime,
          payload: standard,
        });
      }
      await this.downward.advance(m, parent, envelope.seq);
      return stored ? 'applied' : 'stale';
    });
  }
}

/** The standard, or why it is refused: it must come from an ancestor, down the tree to `parent`. */
function check(envelope: federationV1.StandardsResponse, parent: string, own: string): StandardEventV1 | string {
  if (!isUuid(envelope.id)) return 'malformed: id is not a UUID';
  if (!Number.isSafeInteger(envelope.seq) || envelope.seq < 1) return 'malformed: seq must be ≥ 1';
  const path = envelope.path;
  if (path.includes(own)) return `loop: the path ${path.join('→')} already passed ${own}`;
  if (path[0] !== envelope.origin || path.at(-1) !== parent) {
    return `bad-path: the path ${path.join('→')} must run from ${envelope.origin} to ${parent}`;
  }
  for (let i = 1; i < path.length; i++) {
    if (!mayCertify(path[i - 1]!, path[i]!)) {
      return `bad-path: ${path[i]} is not a child of ${path[i - 1]} (path ${path.join('→')})`;
    }
  }
  if (!mayCertify(parent, own)) return `bad-path: ${own} is not a child of ${parent}`;
  let data: StandardEventV1;
  try {
    data = validateEventData('catalog.standard.v1', JSON.parse(envelope.recordJson));
  } catch (error) {
    return `malformed: record is no catalog.standard.v1 data: ${(error as Error).message}`;
  }
  const s = data.standard;
  if (s.origin !== envelope.origin || s.kind !== envelope.kind || s.key !== envelope.key) {
    return 'malformed: origin, kind or key differ from the record';
  }
  if (s.version !== envelope.version) return 'malformed: version differs from the record';
  if (!envelope.timeMs || Number.isNaN(new Date(envelope.timeMs).getTime())) return 'malformed: timeMs is missing';
  return data;
}
