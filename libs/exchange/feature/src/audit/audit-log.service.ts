import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ExchangeCallEventV1 } from '@govdata/contracts';
import { AuditLedgerRepository, NoteSigner, type AuditRecord, type StoredCheckpoint } from '@govdata/exchange-ledger';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CallRecordRepository, type CallRecord } from '../metering/call-record.repository.js';
import { loadOrCreateAuditSigningKey } from './audit-signing-key.js';

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

/** Calls one transaction logs at most; more wait for the next. */
const MAX_BATCH = 500;
/** How often a checkpoint is signed when the log has grown. */
const CHECKPOINT_INTERVAL_MS = 10_000;

/**
 * 調用審計 — appends each call to the RFC 6962 audit ledger with its metering row and its
 * `exchange.call.v1` event. Calls arriving while a transaction is writing are grouped into the next
 * one (group commit): many concurrent calls share a transaction, and each call waits for the commit
 * that holds it before it is answered — nothing answered is unlogged.
 */
@Injectable()
export class AuditLog implements OnModuleInit, OnModuleDestroy {
  readonly ledger: AuditLedgerRepository;
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private signer?: Promise<NoteSigner>;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly calls: CallRecordRepository,
    private readonly publisher: EventPublisher,
  ) {
    this.ledger = new AuditLedgerRepository(auditLogOrigin(config.node.code));
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.checkpoint().catch((error: unknown) => this.logger.warn({ err: error }, 'signing a checkpoint failed'));
    }, CHECKPOINT_INTERVAL_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.draining;
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
    this.signer ??= loadOrCreateAuditSigningKey(this.config.node.dataDir).then(
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

  private write(batch: CallToLog[]): Promise<number[]> {
    return this.dataSource.transaction(async (manager) => {
      const appended = await this.ledger.append(
        manager,
        batch.map((c) => c.record),
      );
      const indices = appended.map((a) => a.leafIndex);
      await this.calls.insertMany(
        manager,
        batch.map((c, i) => ({ ...c.metering, leafIndex: indices[i]! })),
      );
      await this.publisher.publishMany(
        manager,
        batch.map((c, i) => ({
          type: 'exchange.call.v1',
          subject: c.event.callId,
          key: c.event.grantId,
          data: { ...c.event, ledgerIndex: indices[i]! },
        })),
      );
      return indices;
    });
  }
}

/** The log's name in its checkpoints. */
export function auditLogOrigin(nodeCode: string): string {
  return `govdata/${nodeCode}/exchange-audit`;
}
