import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EntryHooks, type EntryChange, type EntryWriteHook } from '../entries/entry-hooks.js';
import { DeadlineClockService } from './deadline-clock.service.js';

/**
 * Keeps the clocks in step with the entries, in the transaction of each entry write: a submission
 * starts the review clock and settles update and registration clocks; approve, return and withdraw
 * stop the review clock; publishing a newer version settles an annual re-review task.
 */
@Injectable()
export class DeadlineClockEntryHook implements EntryWriteHook, OnModuleInit {
  constructor(
    private readonly hooks: EntryHooks,
    private readonly clocks: DeadlineClockService,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  afterEntryChange(manager: EntityManager, change: EntryChange): Promise<void> {
    return this.clocks.onEntryChange(manager, change);
  }
}
