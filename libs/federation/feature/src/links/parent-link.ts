import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Metadata } from '@grpc/grpc-js';
import type { federationV1 } from '@govdata/contracts';
import { NodeCertificateError, NodePkiStore, nodeChannelCredentials } from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ReplicationRepository } from '../replication/replication.repository.js';
import {
  createLinkClient,
  SOFTWARE_VERSION,
  SOFTWARE_VERSION_METADATA,
  type FederationLinkClient,
  type ReplicateStream,
} from './link-protocol.js';

/** Log rows read per query and the most envelopes in flight (sent, not yet acknowledged). */
const BATCH = 200;
const WINDOW = 1_000;
/** How often the log is polled for new rows while the link is up. */
const POLL_MS = 50;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 10_000;
/** How often the node checks for its certificate before it has one. */
const CERTIFICATE_WAIT_MS = 1_000;

export type ParentLinkState = 'no-parent' | 'no-certificate' | 'connecting' | 'up' | 'down';

/**
 * Child side of the link: one gRPC-over-mTLS stream to `node.parent.federation`, sending this node's
 * replication log after the sequence the parent says it applied, in order, at most `WINDOW` unacked.
 * On any failure it reconnects with backoff and resumes from the parent's cursor, so the backlog
 * drains when the parent returns and a resend is harmless (the parent keeps the highest version).
 */
@Injectable()
export class ParentLink implements OnApplicationBootstrap, OnModuleDestroy {
  state: ParentLinkState = 'no-parent';
  /** The parent's acknowledged sequence of this node's log. */
  ackedSeq = 0;
  private stopped = false;
  private client: FederationLinkClient | undefined;
  private stream: ReplicateStream | undefined;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: NodePkiStore,
    private readonly log: ReplicationRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.node.parent) return;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stream?.cancel();
    this.wake?.();
    await this.loop;
    this.client?.close();
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
        client.close();
        this.stream = undefined;
      }
      if (this.stopped) break;
      this.state = 'down';
      if (Date.now() - started > 10_000) backoff = BACKOFF_MIN_MS;
      await this.sleep(backoff * (0.5 + Math.random() / 2));
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    }
  }

  /** One connection: hello, then send the log in order until the stream fails or the node stops. */
  private session(client: FederationLinkClient): Promise<void> {
    const metadata = new Metadata();
    metadata.set(SOFTWARE_VERSION_METADATA, SOFTWARE_VERSION);
    const stream = client.Replicate(metadata);
    this.stream = stream;
    return new Promise<void>((resolve, reject) => {
      let sentSeq: number | null = null;
      let ended = false;
      const finish = (error?: Error) => {
        if (ended) return;
        ended = true;
        this.wake?.();
        if (error) reject(error);
        else resolve();
      };
      stream.on('data', (response: federationV1.ReplicateResponse) => {
        if (response.hello) {
          this.ackedSeq = response.ackedSeq;
          sentSeq = response.ackedSeq;
          this.state = 'up';
          this.logger.info({ parent: this.config.node.parent!.code, ackedSeq: response.ackedSeq }, 'parent link up');
          void pump();
          return;
        }
        this.ackedSeq = Math.max(this.ackedSeq, response.ackedSeq);
        if (response.refusedReason) {
          this.logger.warn(
            { seq: response.ackedSeq, reason: response.refusedReason },
            'the parent refused an envelope',
          );
        }
        this.wake?.();
      });
      stream.on('error', (error) => finish(error));
      stream.on('end', () => finish(new Error('the parent closed the link')));
      const pump = async () => {
        try {
          while (!ended && !this.stopped) {
            if (sentSeq! - this.ackedSeq >= WINDOW) {
              await this.sleep(POLL_MS);
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
                recordJson: JSON.stringify(row.payload),
              };
              stream.write(envelope);
              sentSeq = row.seq;
            }
            if (rows.length < BATCH) await this.sleep(POLL_MS);
          }
          if (this.stopped) stream.end();
        } catch (error) {
          stream.cancel();
          finish(error as Error);
        }
      };
    });
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
