import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../clocks/business-clock.js';
import { ApplicationReadService } from './application-read.service.js';
import { ApplicationRepository } from './application.repository.js';
import type { ApplicationRecord, ApplicationView, TimelineStep } from './application.types.js';
import { ApplicationChanges, nextSeq } from './application-changes.js';

/**
 * 到期 — a grant of this node's data whose validity has ended: the application becomes expired (the
 * terms stay on the timeline's grant step) and the event tells the exchange to stop. Run by the
 * provider's node in the caller's transaction, on a row the caller locked.
 */
@Injectable()
export class ExpireApplicationUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly changes: ApplicationChanges,
    private readonly reads: ApplicationReadService,
    private readonly clock: BusinessClock,
  ) {}

  async execute(manager: EntityManager, app: ApplicationRecord): Promise<ApplicationView> {
    const timeline = await this.applications.steps(manager, app.id);
    const now = this.clock.now().toISOString();
    const step: TimelineStep = {
      seq: nextSeq(timeline),
      step: 'expiry',
      openedAt: now,
      dueOn: app.grant?.validUntil ?? app.validUntil,
      decision: 'expired',
      decidedAt: now,
      actor: null,
      comment: `授权有效期至 ${app.grant?.validUntil ?? app.validUntil}，已到期`,
    };
    const next: ApplicationRecord = {
      ...app,
      version: app.version + 1,
      state: 'expired',
      lastAction: 'expired',
      grant: null,
      changedAt: now,
      changedAtNode: this.changes.thisNode,
      receivedAt: null,
    };
    await this.applications.insertStep(manager, app.id, step);
    await this.applications.update(manager, next);
    const all = [...timeline, step];
    await this.changes.publish(manager, 'expired', next, all);
    return this.reads.view(next, all);
  }
}
