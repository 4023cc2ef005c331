import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CallPlans } from '../calls/call-plans.js';
import { beijingDate } from './grant.js';
import { GrantEvents } from './grant-events.js';
import { GrantRepository } from './grant.repository.js';

/** How often the node looks for grants past their validity. */
const EXPIRY_SWEEP_MS = 60_000;

/**
 * 授权到期 — this node's grants whose last valid (Beijing) day has passed end as expired, each with
 * `exchange.grant.v1`; swept every minute.
 */
@Injectable()
export class ExpireGrantsUseCase implements OnModuleInit, OnModuleDestroy {
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly grants: GrantRepository,
    private readonly plans: CallPlans,
    private readonly events: GrantEvents,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.execute().catch((error: unknown) => this.logger.warn({ err: error }, 'grant expiry sweep failed'));
    }, EXPIRY_SWEEP_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Expires the grants due at `now`; returns how many. */
  async execute(now = new Date()): Promise<number> {
    const expired = await this.dataSource.transaction(async (manager) => {
      const grants = await this.grants.expireBefore(manager, this.config.node.code, beijingDate(now));
      for (const grant of grants) {
        await this.events.publish(manager, 'expired', grant, null, `valid until ${grant.validUntil}`);
      }
      return grants;
    });
    await Promise.all(expired.map((grant) => this.plans.grantChanged(grant)));
    if (expired.length > 0) this.logger.info({ grants: expired.map((g) => g.id) }, 'grants expired');
    return expired.length;
  }
}
