import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  Server,
  status,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type ServerWritableStream,
} from '@grpc/grpc-js';
import type { federationV1 } from '@govdata/contracts';
import {
  childNodeInterceptor,
  NodeCertificateError,
  NodePkiStore,
  peerCertificateDer,
  peerNodeCode,
  revocationChecker,
  RevocationList,
  RotatingServerIdentity,
  verifyChildPeer,
  type ChildPeerPolicy,
} from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { METRICS, type ServiceMetrics } from '@govdata/platform-observability';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import { EventPublisher } from '@govdata/platform-messaging';
import { Gauge } from 'prom-client';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AntiEntropyRefusal, AntiEntropyServer } from '../anti-entropy/anti-entropy.server.js';
import { DownwardRepository } from '../downward/downward.repository.js';
import { RenewalRefusal } from '../enrolment/enrolment.exception.js';
import { RenewChildCertificateUseCase } from '../enrolment/renew-child-certificate.usecase.js';
import { refusal, Router, type RoutedCall, type RoutedReply, type RouteDown } from '../routing/router.js';
import { ApplyReplicaUseCase, type ApplyOutcome } from '../replication/apply-replica.usecase.js';
import { RegistryRepository } from '../registry/registry.repository.js';
import { isInSubtree } from './envelope-rules.js';
import { LinkRepository } from './link.repository.js';
import { linkServiceDefinition, SOFTWARE_VERSION, SOFTWARE_VERSION_METADATA } from './link-protocol.js';
import { FALLBACK_POLL_MS, LogNotifications, WakeSignal } from './log-notifications.js';

type ReplicateCall = ServerDuplexStream<federationV1.ReplicateRequest, federationV1.ReplicateResponse>;
type UnaryCall<T> = ServerUnaryCall<T, unknown>;
type StandardsCall = ServerWritableStream<federationV1.StandardsRequest, federationV1.StandardsResponse>;
type TunnelCall = ServerDuplexStream<federationV1.TunnelRequest, federationV1.TunnelResponse>;

/** A child's open tunnel: calls sent down on it, waiting for their answers. */
interface Tunnel {
  call: TunnelCall;
  pending: Map<string, (reply: RoutedReply) => void>;
}

/** How often the revocation list is re-read and open streams re-verified (a revoked child is cut off). */
const POLICY_REFRESH_MS = 1_000;
/** How often an open link marks its child as seen. */
const TOUCH_MS = 5_000;
/** The registry's lag of a child sending changes is written at most this often (the gauge every batch). */
const LAG_WRITE_MS = 1_000;
/** Envelopes of one child applied per transaction (those that arrived while the last batch committed). */
const APPLY_BATCH = 500;
/** Standards read per query (new ones wake the streams by NOTIFY; `FALLBACK_POLL_MS` otherwise). */
const STANDARDS_BATCH = 200;

interface OpenLink {
  child: string;
  call: ReplicateCall;
  softwareVersion: string | undefined;
  lastApplyAt: number;
  /** When the registry last got this link's lag (0: not yet). */
  lagWrittenAt: number;
}

/**
 * Parent side of the links: an mTLS gRPC server on `services.federation.link` admitting only this
 * node's children (certificate chained to this node, not revoked — checked on every call and, for
 * open streams, every second). Each child's envelopes are applied one at a time and acknowledged
 * after commit. Starts once this node holds a certificate (at once for the national root).
 */
@Injectable()
export class LinkServer implements OnApplicationBootstrap, OnModuleDestroy, RouteDown {
  private server: Server | undefined;
  /** This node's certificate as the server presents it; follows rotations without a restart. */
  private serverIdentity: RotatingServerIdentity | undefined;
  private policy: ChildPeerPolicy | undefined;
  private readonly open = new Set<OpenLink>();
  private readonly tunnels = new Map<string, Tunnel>();
  /** The wake-ups of the open standards streams (stopping wakes them all). */
  private readonly standardsWakes = new Set<WakeSignal>();
  /** How long a standards stream waits for a notification before it reads the downward log anyway. */
  private fallbackPollMs = FALLBACK_POLL_MS;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly lag: Gauge<'child'>;
  /** The port actually bound (tests). */
  port: number | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: NodePkiStore,
    private readonly registry: RegistryRepository,
    private readonly links: LinkRepository,
    private readonly apply: ApplyReplicaUseCase,
    private readonly antiEntropy: AntiEntropyServer,
    private readonly downward: DownwardRepository,
    private readonly renewChildCertificate: RenewChildCertificateUseCase,
    private readonly router: Router,
    private readonly publisher: EventPublisher,
    private readonly notifications: LogNotifications,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) metrics: ServiceMetrics,
  ) {
    this.lag = new Gauge({
      name: 'govdata_federation_link_lag_seconds',
      help: 'per child link: seconds between a change at its origin and its application here (0 when idle)',
      labelNames: ['child'],
      registers: [metrics.registry],
    });
    router.attachChildren(this);
  }

  onApplicationBootstrap(): void {
    if (this.config.services.federation.link === undefined) return;
    void this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const wake of this.standardsWakes) wake.signal();
    for (const link of this.open) link.call.emit('error', { code: status.UNAVAILABLE, details: 'parent stopping' });
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    }
  }

  /** Starts the server when possible, then keeps the policy fresh and open links honest. */
  private async tick(): Promise<void> {
    try {
      if (!this.server) await this.start();
      else await this.refresh();
    } catch (error) {
      this.logger.warn({ err: error }, 'federation link server: not serving yet');
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), POLICY_REFRESH_MS);
  }

  private async start(): Promise<void> {
    if (!(await this.store.activeGeneration())) return;
    let identity;
    try {
      identity = await this.store.loadTlsIdentity();
    } catch (error) {
      if (error instanceof NodeCertificateError) return; // no certificate installed yet
      throw error;
    }
    const serverIdentity = new RotatingServerIdentity(identity);
    this.serverIdentity = serverIdentity;
    await this.refresh();
    const server = new Server({
      interceptors: [
        childNodeInterceptor(
          () => this.policy!,
          (error, peer) => this.logger.warn({ peer, problem: error.problem, reason: error.message }, 'link refused'),
        ),
      ],
    });
    server.addService(linkServiceDefinition(), {
      Replicate: (call: ReplicateCall) => this.replicate(call),
      CompareDigests: (call: UnaryCall<federationV1.CompareDigestsRequest>, done: sendUnaryData<unknown>) =>
        this.unary(call, done, 'anti-entropy comparison', (child) => this.antiEntropy.compare(child, call.request)),
      Repair: (call: UnaryCall<federationV1.RepairRequest>, done: sendUnaryData<unknown>) =>
        this.unary(call, done, 'anti-entropy repair', (child, log) =>
          this.antiEntropy.repair(child, call.request, log),
        ),
      Standards: (call: StandardsCall) => void this.standards(call),
      Forward: (call: UnaryCall<federationV1.ForwardRequest>, done: sendUnaryData<unknown>) =>
        this.unary(call, done, 'routed call', async (child) => ({
          reply: call.request.call
            ? await this.router.fromChild(child, call.request.call)
            : refusal(status.INVALID_ARGUMENT, 'call is required'),
        })),
      Tunnel: (call: TunnelCall) => this.tunnel(call),
      Renew: (call: UnaryCall<federationV1.RenewRequest>, done: sendUnaryData<unknown>) =>
        this.unary(call, done, 'certificate renewal', (child) =>
          this.renewChildCertificate.execute(child, call.request),
        ),
    });
    const address = `0.0.0.0:${this.config.services.federation.link}`;
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(address, serverIdentity.credentials(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    if (this.stopped) {
      server.forceShutdown();
      return;
    }
    this.server = server;
    this.logger.info({ port: this.port }, 'federation link server listening (mTLS)');
  }

  /** Re-checks open links now (after a revocation: its links are cut before the answer goes out). */
  async refreshNow(): Promise<void> {
    if (this.server) await this.refresh();
  }

  /** Re-reads the revocation list and re-verifies every open link against it. */
  private async refresh(): Promise<void> {
    const m = this.dataSource.manager;
    const own = this.config.node.code;
    const list = new RevocationList(own, await this.registry.revocations(m));
    const identity = await this.store.loadTlsIdentity();
    this.policy = {
      ownCode: own,
      issuerPool: await this.store.issuerPool(),
      trustedRootPem: identity.trustedRootPem,
      revoked: revocationChecker(list),
    };
    if (this.serverIdentity?.update(identity)) {
      this.logger.info({ generation: identity.generation }, 'link server now presents the renewed certificate');
    }
    const now = Date.now();
    for (const link of this.open) {
      const der = peerCertificateDer(link.call);
      try {
        await verifyChildPeer(der!, this.policy);
      } catch (error) {
        const reason = error instanceof NodeCertificateError ? `${error.problem}: ${error.message}` : String(error);
        this.logger.warn({ child: link.child, reason }, 'open link cut: the child is no longer admitted');
        link.call.emit('error', { code: status.UNAUTHENTICATED, details: reason });
        this.open.delete(link);
        this.tunnels.get(link.child)?.call.emit('error', { code: status.UNAUTHENTICATED, details: reason });
        continue;
      }
      if (now - link.lastApplyAt >= TOUCH_MS) {
        // Connected and sending nothing: the child has nothing unsent.
        link.lastApplyAt = now;
        this.lag.set({ child: link.child }, 0);
        await this.registry.touchChild(m, link.child, { at: new Date(), lagSeconds: 0 });
      }
    }
    await this.watchSilence();
  }

  /**
   * Raises `federation.alert.v1` once when an active child has not been heard from for the node's
   * threshold (never connected counts from its enrolment), and once more when it is heard again.
   */
  private async watchSilence(): Promise<void> {
    const thresholdSeconds = this.config.federation.silenceAlertSeconds;
    await this.dataSource.transaction(async (m) => {
      for (const change of await this.registry.silenceChanges(m, thresholdSeconds)) {
        const silent = change.silent;
        const lastSeen = change.lastSeenAt ? change.lastSeenAt.toISOString() : null;
        this.logger.warn(
          { child: change.code, lastSeenAt: lastSeen, thresholdSeconds },
          silent ? 'child silent' : 'child heard again',
        );
        await this.publisher.publish(m, {
          type: 'federation.alert.v1',
          subject: change.code,
          data: {
            alert: silent ? 'child-silent' : 'child-resumed',
            node: this.config.node.code,
            child: change.code,
            at: new Date().toISOString(),
            lastSeenAt: lastSeen,
            thresholdSeconds,
            message: silent
              ? `下级节点 ${change.code} 已超过 ${thresholdSeconds} 秒未连接（最后连接：${lastSeen ?? '从未'}）。`
              : `下级节点 ${change.code} 已恢复连接。`,
          },
        });
      }
    });
  }

  /** A unary link call: the child named by its certificate, refusals as FAILED_PRECONDITION with the reason. */
  private unary<T>(
    call: UnaryCall<T>,
    done: sendUnaryData<unknown>,
    what: string,
    work: (child: string, log: Logger) => Promise<unknown>,
  ): void {
    const child = peerNodeCode(call)!;
    const log = this.logger.child({ child });
    work(child, log).then(
      (response) => done(null, response),
      (error: unknown) => {
        if (error instanceof AntiEntropyRefusal || error instanceof RenewalRefusal) {
          log.warn({ reason: error.message }, `${what} refused`);
          done({ code: status.FAILED_PRECONDITION, details: error.message });
        } else {
          log.error({ err: error }, `${what} failed`);
          done({ code: status.UNAVAILABLE, details: `${what} failed here; try again` });
        }
      },
    );
  }

  /** Carries a call down to `child` over its tunnel; UNAVAILABLE at once when the child is not connected. */
  sendDown(child: string, call: RoutedCall): Promise<RoutedReply> {
    const tunnel = this.tunnels.get(child);
    if (!tunnel) return Promise.resolve(refusal(status.UNAVAILABLE, `node ${child} is not connected`, call.path));
    const id = call.callId + '/' + Math.random().toString(36).slice(2);
    return new Promise<RoutedReply>((resolve) => {
      const timer = setTimeout(
        () => {
          tunnel.pending.delete(id);
          resolve(refusal(status.DEADLINE_EXCEEDED, `node ${child} did not answer in time`, call.path));
        },
        Math.max(1, call.deadlineMs - Date.now()),
      );
      tunnel.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      tunnel.call.write({ id, call });
    });
  }

  /** A child's tunnel: calls for its subtree go down on it; its answers come back on it. */
  private tunnel(call: TunnelCall): void {
    const child = peerNodeCode(call)!;
    const tunnel: Tunnel = { call, pending: new Map() };
    const previous = this.tunnels.get(child);
    this.tunnels.set(child, tunnel);
    previous?.call.end();
    call.on('data', (frame: federationV1.TunnelRequest) => {
      if (!frame.id) return; // hello
      const resolve = tunnel.pending.get(frame.id);
      tunnel.pending.delete(frame.id);
      resolve?.(frame.reply ?? refusal(status.INTERNAL, `node ${child} answered without a reply`));
    });
    const close = () => {
      if (this.tunnels.get(child) === tunnel) this.tunnels.delete(child);
      for (const resolve of tunnel.pending.values()) {
        resolve(refusal(status.UNAVAILABLE, `the link to node ${child} closed during the call`));
      }
      tunnel.pending.clear();
    };
    call.on('end', () => {
      close();
      call.end();
    });
    call.on('cancelled', close);
    call.on('error', close);
  }

  /**
   * Sets how long standards streams wait for a notification before they read the downward log anyway,
   * from their next wait on (tests lengthen it to show that notifications alone carry standards down).
   */
  setFallbackPoll(ms: number): void {
    this.fallbackPollMs = ms;
    for (const wake of this.standardsWakes) wake.signal();
  }

  /** Sends the child this node's downward log after its cursor, then follows it until the call ends. */
  private async standards(call: StandardsCall): Promise<void> {
    const child = peerNodeCode(call)!;
    const wake = new WakeSignal();
    this.standardsWakes.add(wake);
    let open = true;
    const close = () => {
      open = false;
      wake.signal();
    };
    call.on('cancelled', close);
    call.on('error', close);
    call.on('close', close);
    const stopListening = this.notifications.onDownwardLog(wake.signal);
    let seq = Number(call.request.afterSeq) || 0;
    try {
      while (open && !this.stopped) {
        wake.reset();
        const rows = await this.downward.after(this.dataSource.manager, seq, STANDARDS_BATCH);
        for (const row of rows) {
          if (!open) break;
          seq = row.seq;
          // Messages for one node go only down the branch that leads to it.
          if (row.destination && !isInSubtree(child, row.destination)) continue;
          const more = call.write({
            seq: row.seq,
            id: row.eventId,
            origin: row.origin,
            kind: row.kind,
            key: row.key,
            version: row.version,
            path: row.path,
            timeMs: row.eventTime.getTime(),
            recordJson: row.payloadJson,
            destination: row.destination ?? '',
          });
          if (!more) await new Promise((resolve) => call.once('drain', resolve));
        }
        if (rows.length < STANDARDS_BATCH) await wake.wait(this.fallbackPollMs);
      }
      if (open) call.end();
    } catch (error) {
      this.logger.warn({ child, err: error }, 'standards stream failed');
      if (open) call.emit('error', { code: status.UNAVAILABLE, details: 'the parent could not read its downward log' });
    } finally {
      this.standardsWakes.delete(wake);
      await stopListening();
    }
  }

  private replicate(call: ReplicateCall): void {
    const child = peerNodeCode(call)!;
    const version = call.metadata.get(SOFTWARE_VERSION_METADATA)[0];
    const link: OpenLink = {
      child,
      call,
      softwareVersion: typeof version === 'string' ? version.slice(0, 64) : undefined,
      lastApplyAt: Date.now(),
      lagWrittenAt: 0,
    };
    this.open.add(link);
    const log = this.logger.child({ child });
    let broken = false;
    // Envelopes are applied in the order the child sent them: whatever arrived while the previous
    // batch committed goes into the next transaction.
    let queue: Promise<void> = Promise.resolve();
    const enqueue = (work: () => Promise<void>) => {
      queue = queue.then(async () => {
        if (broken) return;
        try {
          await work();
        } catch (error) {
          broken = true;
          log.warn({ err: error }, 'child link failed');
          call.emit('error', { code: status.UNAVAILABLE, details: 'the parent could not apply the envelope' });
        }
      });
    };
    let pending: federationV1.ReplicateRequest[] = [];
    let scheduled = false;
    const drain = async () => {
      scheduled = false;
      // A link cut meanwhile (revoked, closed) applies nothing more of what it sent.
      while (pending.length > 0 && !broken && this.open.has(link)) {
        const batch = pending.slice(0, APPLY_BATCH);
        pending = pending.slice(batch.length);
        await this.applyBatch(link, batch, log);
      }
    };
    enqueue(async () => {
      const m = this.dataSource.manager;
      const ackedSeq = await this.links.cursor(m, child);
      await this.registry.touchChild(m, child, {
        at: new Date(),
        ...(link.softwareVersion ? { softwareVersion: link.softwareVersion } : {}),
      });
      call.write({ ackedSeq, hello: true, refusedReason: '', softwareVersion: SOFTWARE_VERSION });
      log.info({ ackedSeq }, 'child link open');
    });
    call.on('data', (envelope: federationV1.ReplicateRequest) => {
      pending.push(envelope);
      if (!scheduled) {
        scheduled = true;
        enqueue(drain);
      }
    });
    const close = () => this.open.delete(link);
    call.on('end', () => {
      close();
      void queue.finally(() => call.end());
    });
    call.on('cancelled', close);
    call.on('error', close);
  }

  /** One transaction for a batch; each refused envelope is acknowledged with its reason, then the last. */
  private async applyBatch(link: OpenLink, batch: federationV1.ReplicateRequest[], log: Logger): Promise<void> {
    const outcomes: ApplyOutcome[] = await this.apply.executeBatch(link.child, batch);
    link.lastApplyAt = Date.now();
    let lagSeconds: number | undefined;
    for (const [i, outcome] of outcomes.entries()) {
      const envelope = batch[i]!;
      if (outcome.outcome === 'refused') {
        log.warn(
          { seq: envelope.seq, id: envelope.id, origin: envelope.origin, reason: outcome.reason },
          'envelope refused (dead-lettered)',
        );
        link.call.write({ ackedSeq: envelope.seq, hello: false, refusedReason: outcome.reason, softwareVersion: '' });
      }
      if (outcome.outcome === 'applied') lagSeconds = outcome.lagSeconds;
    }
    if (lagSeconds !== undefined) {
      this.lag.set({ child: link.child }, lagSeconds);
      if (link.lastApplyAt - link.lagWrittenAt >= LAG_WRITE_MS) {
        link.lagWrittenAt = link.lastApplyAt;
        await this.registry.touchChild(this.dataSource.manager, link.child, { at: new Date(), lagSeconds });
      }
    }
    link.call.write({ ackedSeq: batch.at(-1)!.seq, hello: false, refusedReason: '', softwareVersion: '' });
  }
}
