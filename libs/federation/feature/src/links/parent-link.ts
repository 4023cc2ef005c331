import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { federationV1 } from '@govdata/contracts';
import {
  isDueForRenewal,
  NodeCertificateError,
  NodePkiStore,
  nodeChannelCredentials,
  splitPemBundle,
  verifyNodeChain,
} from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import type { Unsubscribe } from '@govdata/platform-messaging';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AntiEntropyClient, type AntiEntropyReport } from '../anti-entropy/anti-entropy.client.js';
import { ApplyStandardUseCase } from '../downward/apply-standard.usecase.js';
import { DownwardRepository } from '../downward/downward.repository.js';
import { ReplicationRepository } from '../replication/replication.repository.js';
import { refusal, Router, type RoutedCall, type RoutedReply, type RouteUp } from '../routing/router.js';
import {
  callLink,
  createLinkClient,
  SOFTWARE_VERSION,
  SOFTWARE_VERSION_METADATA,
  type FederationLinkClient,
  type ReplicateStream,
  type StandardsStream,
  type TunnelStream,
} from './link-protocol.js';
import { FALLBACK_POLL_MS, LogNotifications, WakeSignal } from './log-notifications.js';

/** Log rows read per query and the most envelopes in flight (sent, not yet acknowledged). */
const BATCH = 200;
const WINDOW = 1_000;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 10_000;
/** How often the node checks for its certificate before it has one. */
const CERTIFICATE_WAIT_MS = 1_000;
/** How often a connected node checks whether its certificate is due for renewal. */
const RENEWAL_CHECK_MS = 3_600_000;

export type ParentLinkState = 'no-parent' | 'no-certificate' | 'connecting' | 'up' | 'down';

/**
 * Child side of the link: one gRPC-over-mTLS stream to `node.parent.federation`, sending this node's
 * replication log after the sequence the parent says it applied, in order, at most `WINDOW` unacked.
 * On any failure it reconnects with backoff and resumes from the parent's cursor, so the backlog
 * drains when the parent returns and a resend is harmless (the parent keeps the highest version).
 * New log rows wake it by NOTIFY (the log's trigger); it reads the log anyway every
 * `FALLBACK_POLL_MS`, so a lost notification only delays rows.
 */
@Injectable()
export class ParentLink implements OnApplicationBootstrap, OnModuleDestroy, RouteUp {
  state: ParentLinkState = 'no-parent';
  /** The parent's acknowledged sequence of this node's log. */
  ackedSeq = 0;
  /** The last anti-entropy comparison with the parent (null before the first), or why it failed. */
  lastAntiEntropy: AntiEntropyReport | null = null;
  lastAntiEntropyError: { at: string; message: string } | null = null;
  private stopped = false;
  private client: FederationLinkClient | undefined;
  private stream: ReplicateStream | undefined;
  private standards: StandardsStream | undefined;
  private tunnel: TunnelStream | undefined;
  private comparing: Promise<AntiEntropyReport> | undefined;
  /** Compare once the backlog is sent after every (re)connection, then every `antiEntropySeconds`. */
  private compareDue = true;
  private nextCompareAt = 0;
  private renewing: Promise<{ serial: string; notAfter: string }> | undefined;
  private nextRenewalCheckAt = 0;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** New rows in the log, a window opening, the stream ending: the sending loop has something to do. */
  private readonly logWake = new WakeSignal();
  private stopListening: Unsubscribe | undefined;
  /** How long the sending loop waits for a wake-up before reading the log anyway. */
  private fallbackPollMs = FALLBACK_POLL_MS;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: NodePkiStore,
    private readonly log: ReplicationRepository,
    private readonly antiEntropy: AntiEntropyClient,
    private readonly downward: DownwardRepository,
    private readonly applyStandard: ApplyStandardUseCase,
    private readonly router: Router,
    private readonly notifications: LogNotifications,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    router.attachParent(this);
  }

  onApplicationBootstrap(): void {
    if (!this.config.node.parent) return;
    this.stopListening = this.notifications.onReplicationLog(this.logWake.signal);
    this.loop = this.run();
  }

  /**
   * Sets how long the sending loop waits for a notification before it reads the log anyway, from its
   * next wait on (tests lengthen it to show that notifications alone carry changes up).
   */
  setFallbackPoll(ms: number): void {
    this.fallbackPollMs = ms;
    this.logWake.signal();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stream?.cancel();
    this.standards?.cancel();
    this.tunnel?.cancel();
    this.wake?.();
    this.logWake.signal();
    await this.loop;
    await this.comparing?.catch(() => undefined);
    this.client?.close();
    await this.stopListening?.();
  }

  private async run(): Promise<void> {
    const parent = this.config.node.parent!;
    let backoff = BACKOFF_MIN_MS;
    while (!this.stopped) {
      let identity;
      try {
        // Before `govdata node init` and enrolment there is nothing to connect with: wait quietly.
        identity = (await this.store.activeGeneration()) ? await this.store.loadTlsIdentity() : null;
      } catch (error) {
        if (!(error instanceof NodeCertificateError)) this.logger.warn({ err: error }, 'parent link: no identity');
      }
      if (!identity) {
        this.state = 'no-certificate';
        await this.sleep(CERTIFICATE_WAIT_MS);
        continue;
      }
      this.state = 'connecting';
      const client = createLinkClient(parent.federation, nodeChannelCredentials(identity, parent.code));
      this.client = client;
      const started = Date.now();
      try {
        await this.session(client);
      } catch (error) {
        if (!this.stopped) {
          this.logger.warn({ parent: parent.code, err: (error as Error).message }, 'parent link down; retrying');
        }
      } finally {
        this.standards?.cancel();
        this.tunnel?.cancel();
        await this.comparing?.catch(() => undefined);
        client.close();
        this.stream = undefined;
        this.standards = undefined;
        this.tunnel = undefined;
      }
      if (this.stopped) break;
      this.state = 'down';
      if (Date.now() - started > 10_000) backoff = BACKOFF_MIN_MS;
      await this.sleep(backoff * (0.5 + Math.random() / 2));
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    }
  }

  /**
   * Runs an anti-entropy comparison with the parent now (operators; the schedule calls it too).
   * Refused when the link is not up.
   */
  async compareNow(): Promise<AntiEntropyReport> {
    if (this.comparing) return this.comparing;
    const client = this.client;
    if (this.state !== 'up' || !client) throw new Error(`the link to the parent is ${this.state}`);
    this.comparing = this.antiEntropy
      .run(client)
      .then((report) => {
        this.lastAntiEntropy = report;
        this.logger.info(
          {
            session: report.sessionId,
            sets: report.sets.length,
            sent: report.sent,
            removed: report.removed,
            verified: report.verified,
            roundTrips: report.roundTrips,
          },
          'anti-entropy comparison with the parent done',
        );
        return report;
      })
      .catch((error: Error) => {
        this.lastAntiEntropyError = { at: new Date().toISOString(), message: error.message };
        this.logger.warn({ err: error.message }, 'anti-entropy comparison failed');
        throw error;
      })
      .finally(() => {
        this.comparing = undefined;
        this.compareDue = false;
        this.nextCompareAt = Date.now() + this.config.federation.antiEntropySeconds * 1000;
      });
    return this.comparing;
  }

  /**
   * 证书轮换: a new key, its certificate from the parent over the link (authenticated by the current
   * one), installed and made active; the link then reconnects with it. The old certificate stays
   * valid until it expires, so the parent accepts either meanwhile. Refused when the link is not up.
   */
  async renewNow(): Promise<{ serial: string; notAfter: string }> {
    if (this.renewing) return this.renewing;
    const client = this.client;
    if (this.state !== 'up' || !client) throw new Error(`the link to the parent is ${this.state}`);
    const { code, name } = this.config.node;
    this.renewing = (async () => {
      const { generation, csrPem } = await this.store.beginRotation({ code, name });
      const answer = await callLink<federationV1.RenewRequest, federationV1.RenewResponse>(
        client,
        'Renew',
        { csrPem },
        new Metadata(),
        30_000,
      );
      await this.store.installCertificate(answer.bundlePem, answer.trustedRootPem);
      await this.store.activate(generation);
      this.logger.info({ generation, serial: answer.serial }, 'node certificate renewed; reconnecting with it');
      this.stream?.cancel(); // reconnect presenting the new certificate
      return { serial: answer.serial, notAfter: new Date(Number(answer.notAfterMs)).toISOString() };
    })().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /** Renews when the active certificate has passed 2/3 of its validity (checked hourly while connected). */
  private async renewIfDue(): Promise<void> {
    if (Date.now() < this.nextRenewalCheckAt || this.renewing) return;
    this.nextRenewalCheckAt = Date.now() + RENEWAL_CHECK_MS;
    try {
      const identity = await this.store.loadTlsIdentity();
      const [leaf, ...chain] = splitPemBundle(identity.certificateChainPem);
      const verified = await verifyNodeChain(leaf!, chain, identity.trustedRootPem);
      if (isDueForRenewal(verified)) await this.renewNow();
    } catch (error) {
      this.nextRenewalCheckAt = Date.now() + 60_000;
      this.logger.warn({ err: (error as Error).message }, 'certificate renewal failed; will retry');
    }
  }

  /** One connection: hello, then send the log in order until the stream fails or the node stops. */
  private session(client: FederationLinkClient): Promise<void> {
    const metadata = new Metadata();
    metadata.set(SOFTWARE_VERSION_METADATA, SOFTWARE_VERSION);
    const stream = client.Replicate(metadata);
    this.stream = stream;
    this.compareDue = true;
    return new Promise<void>((resolve, reject) => {
      let sentSeq: number | null = null;
      let ended = false;
      const finish = (error?: Error) => {
        if (ended) return;
        ended = true;
        this.logWake.signal();
        if (error) reject(error);
        else resolve();
      };
      void this.followStandards(client, finish);
      this.openTunnel(client, finish);
      stream.on('data', (response: federationV1.ReplicateResponse) => {
        if (response.hello) {
          this.ackedSeq = response.ackedSeq;
          sentSeq = response.ackedSeq;
          this.state = 'up';
          this.logger.info({ parent: this.config.node.parent!.code, ackedSeq: response.ackedSeq }, 'parent link up');
          void pump();
          return;
        }
        const windowWasFull = sentSeq! - this.ackedSeq >= WINDOW;
        this.ackedSeq = Math.max(this.ackedSeq, response.ackedSeq);
        if (response.refusedReason) {
          this.logger.warn(
            { seq: response.ackedSeq, reason: response.refusedReason },
            'the parent refused an envelope',
          );
        }
        // An ack matters to the sending loop only when it waits for one: a full window, or all sent
        // acknowledged while a comparison with the parent is due.
        if (windowWasFull || (this.ackedSeq === sentSeq && this.compareIsDue())) this.logWake.signal();
      });
      stream.on('error', (error) => finish(error));
      stream.on('end', () => finish(new Error('the parent closed the link')));
      const pump = async () => {
        try {
          while (!ended && !this.stopped) {
            // A wake-up arriving from here on (while the log is read) makes the wait below return at once.
            this.logWake.reset();
            if (sentSeq! - this.ackedSeq >= WINDOW) {
              await this.logWake.wait(this.fallbackPollMs);
              continue;
            }
            const rows = await this.log.after(this.dataSource.manager, sentSeq!, BATCH);
            for (const row of rows) {
              if (ended) break;
              const envelope: federationV1.ReplicateRequest = {
                seq: row.seq,
                id: row.eventId,
                kind: row.kind,
                origin: row.origin,
                recordKey: row.recordKey,
                version: row.version,
                path: row.path,
                timeMs: row.eventTime.getTime(),
                recordJson: row.payloadJson,
                destination: row.destination ?? '',
              };
              stream.write(envelope);
              sentSeq = row.seq;
            }
            const caughtUp = rows.length === 0 && sentSeq === this.ackedSeq;
            if (caughtUp && this.compareIsDue()) void this.compareNow().catch(() => undefined);
            if (this.state === 'up') void this.renewIfDue();
            if (rows.length < BATCH) await this.logWake.wait(this.fallbackPollMs);
          }
          if (this.stopped) stream.end();
        } catch (error) {
          stream.cancel();
          finish(error as Error);
        }
      };
    });
  }

  private compareIsDue(): boolean {
    return !this.comparing && (this.compareDue || Date.now() >= this.nextCompareAt);
  }

  /** Carries a call up to the parent; UNAVAILABLE at once when the link is not up. */
  async forward(call: RoutedCall): Promise<RoutedReply> {
    const client = this.client;
    if (this.state !== 'up' || !client) {
      return refusal(
        status.UNAVAILABLE,
        `the link to the parent ${this.config.node.parent?.code} is ${this.state}`,
        call.path,
      );
    }
    try {
      const response = await callLink<federationV1.ForwardRequest, federationV1.ForwardResponse>(
        client,
        'Forward',
        { call },
        new Metadata(),
        Math.max(1, call.deadlineMs - Date.now()),
      );
      return response.reply ?? refusal(status.INTERNAL, 'the parent answered without a reply', call.path);
    } catch (error) {
      const e = error as ServiceError;
      const code = e.code === status.DEADLINE_EXCEEDED ? status.DEADLINE_EXCEEDED : status.UNAVAILABLE;
      return refusal(code, `the parent could not carry the call: ${e.details ?? e.message}`, call.path);
    }
  }

  /** The tunnel of this connection: calls for this node's subtree arrive on it and are answered on it. */
  private openTunnel(client: FederationLinkClient, finish: (error?: Error) => void): void {
    let tunnel: TunnelStream;
    try {
      tunnel = client.Tunnel();
    } catch (error) {
      finish(error as Error);
      return;
    }
    this.tunnel = tunnel;
    tunnel.write({ id: '', reply: undefined });
    tunnel.on('data', (frame: federationV1.TunnelResponse) => {
      if (!frame.id || !frame.call) return;
      void this.router.fromParent(frame.call).then((reply) => {
        if (this.tunnel === tunnel) tunnel.write({ id: frame.id, reply });
      });
    });
    tunnel.on('error', (error) => finish(error));
    tunnel.on('end', () => finish(new Error('the parent closed the tunnel')));
  }

  /**
   * The downward stream of the same connection: the parent's standards after this node's cursor,
   * applied one at a time in order. Its failure ends the connection (reconnect resumes both).
   */
  private async followStandards(client: FederationLinkClient, finish: (error?: Error) => void): Promise<void> {
    const parent = this.config.node.parent!.code;
    let afterSeq: number;
    try {
      afterSeq = await this.downward.cursor(this.dataSource.manager, parent);
    } catch (error) {
      finish(error as Error);
      return;
    }
    if (this.stream === undefined || this.stopped) return; // the connection ended meanwhile
    let standards: StandardsStream;
    try {
      standards = client.Standards({ afterSeq });
    } catch (error) {
      finish(error as Error);
      return;
    }
    this.standards = standards;
    const log = this.logger.child({ parent });
    let chain: Promise<void> = Promise.resolve();
    standards.on('data', (envelope: federationV1.StandardsResponse) => {
      chain = chain.then(async () => {
        try {
          const outcome = await this.applyStandard.execute(envelope, log);
          if (outcome === 'applied') {
            log.info({ origin: envelope.origin, kind: envelope.kind, key: envelope.key }, 'inherited standard applied');
          }
        } catch (error) {
          standards.cancel();
          finish(error as Error);
        }
      });
    });
    standards.on('error', (error) => finish(error));
    standards.on('end', () => finish(new Error('the parent closed the standards stream')));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
