import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { BusinessClock } from '../clocks/business-clock.js';
import { ApplicationRepository } from './application.repository.js';
import { ExpireApplicationUseCase } from './expire-application.usecase.js';

/** How often grants are checked for expiry; a grant ends at the close of its last valid day. */
const SWEEP_INTERVAL_MS = 15 * 60_000;
const BATCH = 100;

/**
 * Expires the grants of this node's data once their validity has ended. The provider's node does
 * it (the grant is enforced there); the applicant's node learns it from the event.
 */
@Injectable()
export class ApplicationExpiryService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly expire: ExpireApplicationUseCase,
    private readonly clock: BusinessClock,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.expireDue().catch((error: unknown) => this.logger.error({ err: error }, 'expiring grants failed'));
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Expires every grant due today or earlier; returns the applications expired. */
  async expireDue(): Promise<string[]> {
    const expired: string[] = [];
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const due = await this.applications.lockExpired(m, this.config.node.code, this.clock.today(), BATCH);
        for (const app of due) await this.expire.execute(m, app);
        return due.map((a) => a.id);
      });
      expired.push(...batch);
      if (batch.length < BATCH) break;
    }
    if (expired.length > 0) this.logger.info({ applications: expired }, 'grants expired');
    return expired;
  }
}
