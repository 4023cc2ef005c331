import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  CatalogMountsClient,
  DatasetRepository,
  OPEN_DOMAINS,
  ReviewDatasetUseCase,
  type OpenDomain,
} from '@govdata/open-data-feature';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OPEN_SAMPLE_TAG } from '../catalog/demo-open-catalog.js';

/** How often the reviewer looks for sample datasets waiting for review. */
const POLL_MS = 3_000;
/** A sample published a while ago without a mounted table is opened without one. */
const MOUNT_GRACE_MS = 60_000;

/**
 * DEMO ONLY (added by the demo launcher, see `withDemoSeed`): the node's data authority reviews the
 * open sample catalog as it arrives — confidentiality and personal information checked, every
 * column of the synthetic tables opened, filed under the domain its tags name, CC BY 4.0 — through
 * the same opening review use case as the portal. Other datasets (the departments' real entries
 * whose 开放属性 allows opening) stay in the review queue for a person.
 */
@Injectable()
export class DemoOpenDataReviewer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: Promise<void> | undefined;
  private stopping = false;
  private opened = 0;
  /** Samples the review refused to open as decided (logged once, left for a person). */
  private readonly skipped = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    private readonly mounts: CatalogMountsClient,
    private readonly review: ReviewDatasetUseCase,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        const before = this.opened;
        await this.reviewPending();
        if (this.opened !== before) this.logger.info({ opened: this.opened }, 'demo open samples reviewed and opened');
      } catch (error) {
        this.logger.warn({ err: error }, 'demo open-data review failed; trying again');
      }
      await sleep(POLL_MS);
    }
  }

  private async reviewPending(): Promise<void> {
    const pending = await this.datasets.list(this.dataSource.manager, { statuses: ['pending'], limit: 100 });
    for (const dataset of pending) {
      if (this.stopping) return;
      if (!dataset.tags.includes(OPEN_SAMPLE_TAG) || this.skipped.has(dataset.id)) continue;
      const domain = (Object.keys(OPEN_DOMAINS) as OpenDomain[]).find((code) =>
        dataset.tags.includes(OPEN_DOMAINS[code].zh),
      );
      if (!domain) continue;
      const tables = await this.mounts.tableMounts(dataset.entryId);
      if (tables.length === 0 && Date.now() - Date.parse(dataset.submittedAt) < MOUNT_GRACE_MS) continue;
      await this.review.execute(this.authority(), dataset.id, {
        decision: 'open',
        domain,
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: tables.flatMap((t) =>
          t.columns.map((c) => ({ mountId: t.id, column: c.column, decision: 'open' as const })),
        ),
      });
      this.opened++;
    }
  }

  private authority(): Principal {
    return {
      subject: 'demo-seed:data-admin',
      kind: 'user',
      organisationId: '00000000-0000-0000-0000-000000000000',
      nodeCode: this.config.node.code,
      roles: ['data-admin'],
      authority: true,
      name: '数据管理员（演示）',
    };
  }
}
