import { Inject, Injectable } from '@nestjs/common';
import { validateEventData, type EventType } from '@govdata/contracts';
import { isUuid } from '@govdata/codes';
import { mayCertify, nodeLevelOf } from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { DownwardRepository } from '../downward/downward.repository.js';
import { isInSubtree } from '../links/envelope-rules.js';
import { ReplicationRepository } from '../replication/replication.repository.js';

/** Kinds of message carried to one node, and the event each becomes there. */
export const ROUTED_KINDS: Readonly<Record<string, EventType>> = {
  'demand.application': 'demand.application.v1',
};

export function isRoutedKind(kind: string): boolean {
  return Object.hasOwn(ROUTED_KINDS, kind);
}

/** A message for one node, as it travels on the logs. */
export interface RoutedMessage {
  eventId: string;
  kind: string;
  origin: string;
  key: string;
  version: number;
  /** The nodes it passed, the origin first, this node last. */
  path: string[];
  eventTime: Date;
  payload: unknown;
  destination: string;
}

/** As it arrives over a link (either direction). */
export interface ArrivingMessage {
  seq: number;
  id: string;
  kind: string;
  origin: string;
  key: string;
  version: number;
  path: string[];
  timeMs: number;
  recordJson: string;
  destination: string;
}

export type RelayOutcome = 'delivered' | 'down' | 'up' | 'unroutable';

/**
 * Carries messages for one node (e.g. the next state of a sharing application, for the other party's
 * node) on the federation's logs: delivered here as the event of its kind (with its origin), or passed
 * down (downward log, to the child on the way) or up (replication log) — in the caller's transaction,
 * so a message accepted is never lost, whichever link is down.
 */
@Injectable()
export class MessageRelay {
  constructor(
    private readonly replication: ReplicationRepository,
    private readonly downward: DownwardRepository,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async pass(m: EntityManager, message: RoutedMessage): Promise<RelayOutcome> {
    const own = this.config.node.code;
    if (message.destination === own) {
      await this.publisher.publish(m, {
        type: ROUTED_KINDS[message.kind]!,
        subject: message.key,
        origin: message.origin,
        data: message.payload as never,
      });
      return 'delivered';
    }
    const row = {
      eventId: message.eventId,
      kind: message.kind,
      origin: message.origin,
      version: message.version,
      path: message.path,
      eventTime: message.eventTime,
      payload: message.payload,
      destination: message.destination,
    };
    if (isInSubtree(own, message.destination)) {
      await this.downward.append(m, { ...row, key: message.key });
      return 'down';
    }
    if (this.config.node.parent) {
      await this.replication.append(m, { ...row, recordKey: message.key });
      return 'up';
    }
    return 'unroutable';
  }

  /**
   * The checks on a message arriving over a link, from a child (`from: 'child'`: its origin lies in the
   * child's subtree and its path climbs the tree to the child) or from the parent (its origin lies
   * outside this subtree and its destination inside). The message, or why it is refused.
   */
  check(arriving: ArrivingMessage, peer: string, from: 'child' | 'parent'): RoutedMessage | string {
    const own = this.config.node.code;
    if (!isUuid(arriving.id)) return 'malformed: id is not a UUID';
    if (!Number.isSafeInteger(arriving.seq) || arriving.seq < 1) return 'malformed: seq must be ≥ 1';
    if (!Number.isSafeInteger(arriving.version) || arriving.version < 1) return 'malformed: version must be ≥ 1';
    if (!nodeLevelOf(arriving.destination)) return `malformed: destination ${arriving.destination} is no node code`;
    const path = arriving.path;
    if (path.includes(own)) return `loop: the path ${path.join('→')} already passed ${own}`;
    if (path[0] !== arriving.origin || path.at(-1) !== peer) {
      return `bad-path: the path ${path.join('→')} must run from ${arriving.origin} to ${peer}`;
    }
    if (from === 'child') {
      if (!isInSubtree(peer, arriving.origin)) {
        return `outside-subtree: origin ${arriving.origin} is not in the subtree of node ${peer}`;
      }
      for (let i = 1; i < path.length; i++) {
        if (!mayCertify(path[i]!, path[i - 1]!)) return `bad-path: ${path[i - 1]} is not a child of ${path[i]}`;
      }
    } else {
      if (isInSubtree(own, arriving.origin)) return `bad-path: origin ${arriving.origin} cannot come from the parent`;
      if (!isInSubtree(own, arriving.destination)) {
        return `outside-subtree: destination ${arriving.destination} is not in the subtree of node ${own}`;
      }
    }
    let payload: unknown;
    try {
      payload = validateEventData(ROUTED_KINDS[arriving.kind]!, JSON.parse(arriving.recordJson));
    } catch (error) {
      return `malformed: ${(error as Error).message}`;
    }
    const application = (payload as { application?: { id?: string; version?: number } }).application;
    if (application?.id !== arriving.key || application.version !== arriving.version) {
      return 'malformed: key or version differ from the record';
    }
    if (!arriving.timeMs || Number.isNaN(new Date(arriving.timeMs).getTime())) return 'malformed: timeMs is missing';
    return {
      eventId: arriving.id,
      kind: arriving.kind,
      origin: arriving.origin,
      key: arriving.key,
      version: arriving.version,
      path: [...path, own],
      eventTime: new Date(arriving.timeMs),
      payload,
      destination: arriving.destination,
    };
  }
}
