import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EntryChange, EntryWriteHook } from '../entries/entry-hooks.js';
import type { EntryAction } from '../entries/entry-lifecycle.js';
import { InformationSystemRepository } from './information-system.repository.js';
import { InformationSystemService } from './information-system.service.js';

/** Actions that write content (or register it): the only moments a version can name a system. */
const CHECKED_ACTIONS: ReadonlySet<EntryAction> = new Set(['create', 'update', 'submit', 'revise']);

/**
 * 数据—系统 on the entry side: the system an entry names in `content.systemId` must be one of its
 * provider's registered systems. Runs inside the entry write, so a wrong reference rolls it back (422).
 */
@Injectable()
export class EntrySystemHook implements EntryWriteHook {
  constructor(
    private readonly systems: InformationSystemRepository,
    private readonly service: InformationSystemService,
  ) {}

  async afterEntryChange(manager: EntityManager, change: EntryChange): Promise<void> {
    if (!CHECKED_ACTIONS.has(change.action)) return;
    const systemId = await this.systems.systemIdOfVersion(manager, change.entryId, change.version);
    if (systemId === null) return;
    await this.service.assertSystemOfOrganisation(manager, systemId, change.organisationId, change.nodeCode);
  }
}
