import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ExchangeCallEventV1 } from '@govdata/contracts';
import { AuditLedgerRepository, NoteSigner, type AuditRecord, type StoredCheckpoint } from '@govdata/exchange-ledger';
import type { NodeConfig } from '@govdata/platform-config';
import { cryptoProfile } from '@govdata/platform-crypto';
import { EventPublisher, OUTBOX_CHANNEL } from '@govdata/platform-messaging';
import { LOGGER, NODE_CONFIG, SERVICE_NAME } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CallRecordRepository, type CallRecord } from '../metering/call-record.repository.js';
import { loadOrCreateAuditSigningKey } from './audit-signing-key.js';
import { CallEventsOutbox } from './call-events-outbox.js';

/** One call to log: the ledger record, its metering row and its event, less the ledger index. */
export interface CallToLog {
  record: AuditRecord;
  metering: Omit<CallRecord, 'leafIndex'>;
  event: Omit<ExchangeCallEventV1, 'ledgerIndex'>;
}

interface Pending {
  call: CallToLog;
  resolve(leafIndex: number): void;
  reject(error: unknown): void;
}

/** Calls one statement logs at most; more wait for the next. */
const MAX_BATCH = 500;
/** How often a checkpoint is signed when the log has grown. */
const CHECKPOINT_INTERVAL_MS = 10_000;

/**
 * 调用审计 — appends each call to the RFC 6962 audit ledger with its metering row and its
 * `exchange.call.v1` event, all in one statement. Calls arriving while a statement is writing are
 * grouped into the next statement (group commit): many concurrent calls share a commit, and each
 * call waits for the commit that holds it before it is answered — nothing answered is unlogged.
 */
@Injectable()
export class AuditLog implements OnModuleInit, OnModuleDestroy {
  readonly ledger: AuditLedgerRepository;
  private readonly events: CallEventsOutbox;
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private signer?: Promise<NoteSigner>;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly calls: CallRecordRepository,
    publisher: EventPublisher,
    @Inject(SERVICE_NAME) service: string,
  ) {
    // An empty ledger takes the hash of the node's crypto profile; one with entries keeps its own.
    this.ledger = new AuditLedgerRepository(
      auditLogOrigin(config.node.code),
      cryptoProfile(config.crypto?.profile).hash.name,
    );
    this.events = new CallEventsOutbox(publisher, config.node.code, service, async () => {
      await dataSource.query('SELECT pg_notify($1, current_schema())', [OUTBOX_CHANNEL]);
    });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.checkpoint().catch((error: unknown) => this.logger.warn({ err: error }, 'signing a checkpoint failed'));
    }, CHECKPOINT_INTERVAL_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.draining;
    this.events.stop();
  }

  /** Logs a call; resolves with its ledger index once the transaction holding it has committed. */
  append(call: CallToLog): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ call, resolve, reject });
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  /** The signer of this node's checkpoints (its key is created under the data dir on first use). */
  noteSigner(): Promise<NoteSigner> {
    this.signer ??= loadOrCreateAuditSigningKey(this.config.node.dataDir, this.config.crypto?.profile).then(
      (key) => new NoteSigner(this.ledger.origin, key),
    );
    this.signer.catch(() => (this.signer = undefined));
    return this.signer;
  }

  /** The checkpoint of the current head, signed now if the log grew since the last one. */
  async checkpoint(): Promise<StoredCheckpoint> {
    const manager = this.dataSource.manager;
    const [head, latest] = await Promise.all([this.ledger.head(manager), this.ledger.checkpoint(manager)]);
    if (latest && latest.treeSize === head.treeSize) return latest;
    return this.ledger.signCheckpoint(manager, await this.noteSigner());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const indices = await this.write(batch.map((p) => p.call));
        batch.forEach((p, i) => p.resolve(indices[i]!));
      } catch (error) {
        this.logger.error({ err: error, calls: batch.length }, 'audit log append failed');
        for (const p of batch) p.reject(error);
      }
    }
  }

  /**
   * One statement: the ledger entries, their metering rows and their events (all or none), committed
   * before the calls are answered.
   */
  private async write(batch: CallToLog[]): Promise<number[]> {
    let woke = false;
    const appended = await this.ledger.append(
      this.dataSource.manager,
      batch.map((c) => c.record),
      (entries, firstParam, applied) => {
        const calls = this.calls.insertAlongside(
          batch.map((c, i) => ({ ...c.metering, leafIndex: entries[i]!.leafIndex })),
          firstParam,
          applied,
        );
        const events = this.events.insertAlongside(
          batch.map((c, i) => ({ ...c.event, ledgerIndex: entries[i]!.leafIndex })),
          firstParam + calls.params.length,
          applied,
        );
        woke = events.notify !== null;
        return {
          ctes: [calls.cte, events.cte],
          params: [...calls.params, ...events.params],
          then: events.notify ? [events.notify] : [],
        };
      },
    );
    if (!woke) this.events.writtenWithoutWake();
    return appended.map((a) => a.leafIndex);
  }
}

/** The log's name in its checkpoints. */
export function auditLogOrigin(nodeCode: string): string {
  return `govdata/${nodeCode}/exchange-audit`;
}
