import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { ROUTED_DELIVERY_V1, type federationRoutingV1 } from '@govdata/contracts';
import { mayCertify, nodeLevelOf } from '@govdata/federation-pki';
import { grpcTarget, type NodeConfig, type ServiceName } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { createGrpcClient } from '@govdata/platform-grpc';
import { SERVICE_TOKENS, type ServiceTokens } from '@govdata/platform-auth';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { isInSubtree } from '../links/envelope-rules.js';

export type RoutedCall = federationRoutingV1.RoutedCall;
export type RoutedReply = federationRoutingV1.RoutedReply;

/**
 * Services that accept calls from other nodes, and nothing else: the exchange (provider calls,
 * `exchange.call`), the catalog (one published entry by its code, `catalog.get-entry`) and open data
 * (a page of an open dataset's rows for an ancestor's replica, `open-data.rows/v1`).
 */
const DELIVERABLE = new Set<ServiceName>(['exchange', 'catalog', 'open-data']);
/** A call without a deadline gets this long. */
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** The two ways out of this node: up to the parent, down to a child (set by the links). */
export interface RouteUp {
  forward(call: RoutedCall): Promise<RoutedReply>;
}
export interface RouteDown {
  sendDown(child: string, call: RoutedCall): Promise<RoutedReply>;
}

export function refusal(code: status, message: string, path: readonly string[] = []): RoutedReply {
  return { code, message, payload: Buffer.alloc(0), path: [...path] };
}

/**
 * 跨节点调用: carries a call to the node it names, hop by hop over the links — up while the
 * destination is outside this node's subtree, then down towards it — and hands it, at the
 * destination, to the named service. Every hop checks the origin against the link the call came
 * over, refuses loops and late calls, and answers at once (UNAVAILABLE) when a link on the way is down.
 */
@Injectable()
export class Router implements OnModuleDestroy {
  private up: RouteUp | undefined;
  private down: RouteDown | undefined;
  private readonly clients = new Map<string, ReturnType<typeof createGrpcClient>>();

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_TOKENS) private readonly serviceTokens: ServiceTokens,
  ) {}

  attachParent(up: RouteUp): void {
    this.up = up;
  }

  attachChildren(down: RouteDown): void {
    this.down = down;
  }

  onModuleDestroy(): void {
    for (const client of this.clients.values()) client.close();
  }

  /** A call a service of this node makes (RoutingService.Call): this node is its origin. */
  fromLocal(call: RoutedCall): Promise<RoutedReply> {
    const own = this.config.node.code;
    return this.route({
      ...call,
      callId: call.callId || randomUUID(),
      origin: own,
      path: [],
      deadlineMs: call.deadlineMs || Date.now() + DEFAULT_TIMEOUT_MS,
    });
  }

  /** A call a child carried up: it must come from the child's subtree. */
  fromChild(child: string, call: RoutedCall): Promise<RoutedReply> {
    if (!isInSubtree(child, call.origin)) {
      return Promise.resolve(
        refusal(status.PERMISSION_DENIED, `origin ${call.origin} is not in the subtree of node ${child}`, call.path),
      );
    }
    return this.route(call);
  }

  /** A call the parent carried down: it comes from outside this node's subtree. */
  fromParent(call: RoutedCall): Promise<RoutedReply> {
    if (isInSubtree(this.config.node.code, call.origin)) {
      return Promise.resolve(
        refusal(status.PERMISSION_DENIED, `origin ${call.origin} cannot arrive from the parent`, call.path),
      );
    }
    return this.route(call);
  }

  private async route(incoming: RoutedCall): Promise<RoutedReply> {
    const own = this.config.node.code;
    const call = { ...incoming, path: [...incoming.path, own] };
    if (!nodeLevelOf(call.destination)) {
      return refusal(status.INVALID_ARGUMENT, `destination ${JSON.stringify(call.destination)} is not a node code`);
    }
    if (incoming.path.includes(own)) return refusal(status.ABORTED, `loop: the call passed ${own} already`, call.path);
    if (call.deadlineMs <= Date.now()) {
      return refusal(status.DEADLINE_EXCEEDED, `the call's deadline passed before node ${own}`, call.path);
    }
    if (call.payload.length > MAX_PAYLOAD_BYTES) {
      return refusal(status.RESOURCE_EXHAUSTED, `the payload is over ${MAX_PAYLOAD_BYTES} bytes`, call.path);
    }
    if (call.destination === own) return this.deliver(call);
    if (isInSubtree(own, call.destination)) {
      const child = childToward(own, call.destination)!;
      if (!this.down) return refusal(status.UNAVAILABLE, `node ${own} accepts no child links`, call.path);
      return this.down.sendDown(child, call);
    }
    if (!this.config.node.parent || !this.up) {
      return refusal(status.NOT_FOUND, `no node ${call.destination} in the federation`, call.path);
    }
    return this.up.forward(call);
  }

  /** Hands the call to the named service of this node. */
  private async deliver(call: RoutedCall): Promise<RoutedReply> {
    const service = call.service as ServiceName;
    if (!DELIVERABLE.has(service)) {
      return refusal(status.UNIMPLEMENTED, `service ${call.service} takes no calls from other nodes`, call.path);
    }
    let client = this.clients.get(service);
    if (!client) {
      client = createGrpcClient(ROUTED_DELIVERY_V1, grpcTarget(this.config, service), {
        deadlineMs: 60_000,
        credentials: this.serviceTokens.credentialsFor(service),
      });
      this.clients.set(service, client);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<RoutedReply>((resolve) => {
      timer = setTimeout(
        () => resolve(refusal(status.DEADLINE_EXCEEDED, `service ${service} did not answer in time`, call.path)),
        Math.max(1, call.deadlineMs - Date.now()),
      );
    });
    try {
      const delivered = client
        .call<federationRoutingV1.DeliverResponse>('Deliver', { call })
        .then((response) => ({ ...response.reply!, path: call.path }));
      return await Promise.race([delivered, late]);
    } catch (error) {
      const message = error instanceof GovdataError ? error.message : String(error);
      this.logger.warn({ service, callId: call.callId, err: message }, 'routed call not delivered');
      return refusal(status.UNAVAILABLE, `service ${service} at node ${call.destination} is unavailable`, call.path);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The child of `own` on the way down to `destination` (which lies in `own`'s subtree). */
export function childToward(own: string, destination: string): string | null {
  if (mayCertify(own, destination)) return destination;
  const province = `${destination.slice(0, 2)}0000`;
  if (mayCertify(own, province) && isInSubtree(province, destination)) return province;
  return null;
}
