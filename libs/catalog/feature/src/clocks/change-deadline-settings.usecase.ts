import { Injectable } from '@nestjs/common';
import { assertCan, type Principal } from '@govdata/platform-auth';
import type { EntityManager } from 'typeorm';
import type { DeadlineSettings, DeadlineSettingsView } from './deadline-settings.js';
import { DeadlineSettingsRepository } from './deadline-settings.repository.js';
import { DeadlineSettingsService } from './deadline-settings.service.js';

/**
 * `PUT /settings/deadlines` — 修改时限设置: only the node's data authority (data-admin of this node)
 * changes its four working-day allowances; running clocks keep the count they started with.
 */
@Injectable()
export class ChangeDeadlineSettingsUseCase {
  constructor(
    private readonly settings: DeadlineSettingsRepository,
    private readonly views: DeadlineSettingsService,
  ) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    nodeCode: string,
    settings: DeadlineSettings,
  ): Promise<DeadlineSettingsView> {
    assertCan(principal, 'catalog.settings.write', { nodeCode }, 'changing the deadline settings');
    await this.settings.save(manager, nodeCode, settings, principal.subject);
    return this.views.view(manager, nodeCode);
  }
}
