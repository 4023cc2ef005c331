import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EntryChange, EntryWriteHook } from '../entries/entry-hooks.js';
import { DeadlineClockService } from './deadline-clock.service.js';

/**
 * Keeps the clocks in step with the entries, in the transaction of each entry write: a submission
 * starts the review clock and settles update and registration clocks; approve, return and withdraw
 * stop the review clock; publishing a newer version settles an annual re-review task.
 */
@Injectable()
export class DeadlineClockEntryHook implements EntryWriteHook {
  constructor(private readonly clocks: DeadlineClockService) {}

  afterEntryChange(manager: EntityManager, change: EntryChange): Promise<void> {
    return this.clocks.onEntryChange(manager, change);
  }
}
