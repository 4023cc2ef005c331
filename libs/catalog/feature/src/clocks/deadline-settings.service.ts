import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DEADLINE_SETTING_LABELS,
  NATIONAL_DEADLINES,
  type DeadlineSettings,
  type DeadlineSettingsView,
} from './deadline-settings.js';
import { DeadlineSettingsRepository } from './deadline-settings.repository.js';

/**
 * The working-day allowances of a node: stored by its data-admin (`ChangeDeadlineSettingsUseCase`),
 * national defaults until then.
 */
@Injectable()
export class DeadlineSettingsService {
  constructor(private readonly settings: DeadlineSettingsRepository) {}

  /** The allowances clocks are opened with. */
  async effective(manager: EntityManager, nodeCode: string): Promise<DeadlineSettings> {
    return pick((await this.settings.find(manager, nodeCode)) ?? NATIONAL_DEADLINES);
  }

  async view(manager: EntityManager, nodeCode: string): Promise<DeadlineSettingsView> {
    const stored = await this.settings.find(manager, nodeCode);
    return {
      nodeCode,
      ...pick(stored ?? NATIONAL_DEADLINES),
      source: stored ? 'configured' : 'default',
      updatedBy: stored?.updatedBy ?? null,
      updatedAt: stored?.updatedAt.toISOString() ?? null,
      labels: DEADLINE_SETTING_LABELS,
    };
  }

  /**
   * Seeds a node's settings in one call — e.g. `seed(manager, '360000', JIANGXI_DEADLINES)` for the
   * demo Jiangxi nodes. A node whose data-admin already chose its settings keeps them; returns
   * whether the seed was stored.
   */
  async seed(
    manager: EntityManager,
    nodeCode: string,
    settings: DeadlineSettings,
    seededBy = 'seed',
  ): Promise<boolean> {
    return this.settings.save(manager, nodeCode, settings, seededBy, true);
  }
}

function pick(s: DeadlineSettings): DeadlineSettings {
  return {
    registrationDays: s.registrationDays,
    updateDays: s.updateDays,
    reviewDays: s.reviewDays,
    annualReviewDays: s.annualReviewDays,
  };
}
