import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { EntityManager } from 'typeorm';
import type { EntryAction, VersionState } from './entry-lifecycle.js';

/** One change to an entry, as the features that follow entries (search, clocks, 一数一源) see it. */
export interface EntryChange {
  entryId: string;
  code: string;
  nodeCode: string;
  organisationId: string;
  action: EntryAction;
  version: number;
  from: VersionState | null;
  to: VersionState;
  /** Set once the entry is retired. */
  retired: boolean;
  actor: Principal;
  at: Date;
}

/** A feature that must stay in step with entries, inside the transaction that changes them. */
export interface EntryWriteHook {
  afterEntryChange(manager: EntityManager, change: EntryChange): Promise<void>;
  /**
   * Optional: follows many changes at once. Inside {@link EntryHooks.batch} the hook is called once
   * with all of them at the end, in the same transaction, instead of once per change.
   */
  afterEntryChanges?(manager: EntityManager, changes: readonly EntryChange[]): Promise<void>;
}

/**
 * The features that follow entry writes, in the order they run. The service definition provides it
 * (`catalog.service-definition.ts`, `ENTRY_WRITE_HOOKS`): the one place that says what an entry write
 * sets off, and in which order.
 */
export const ENTRY_WRITE_HOOKS = Symbol('ENTRY_WRITE_HOOKS');

/**
 * The hooks run after every entry write, in its transaction and in the order of
 * {@link ENTRY_WRITE_HOOKS}: a failing hook rolls the write back, so the search index, clocks and
 * flags can never disagree with the entries they describe.
 */
@Injectable()
export class EntryHooks {
  /** Changes held back per transaction (keyed by its query runner) while a batch is open. */
  private readonly pending = new WeakMap<object, EntryChange[]>();

  constructor(@Inject(ENTRY_WRITE_HOOKS) private readonly hooks: readonly EntryWriteHook[]) {}

  async run(manager: EntityManager, change: EntryChange): Promise<void> {
    const pending = this.pending.get(transactionOf(manager));
    for (const hook of this.hooks) {
      if (pending && hook.afterEntryChanges) continue;
      await hook.afterEntryChange(manager, change);
    }
    pending?.push(change);
  }

  /**
   * Runs many entry writes (an import) with the hooks that can take changes in bulk called once at
   * the end, still inside the transaction. A change made in a savepoint that was rolled back is
   * passed too; bulk hooks re-read the entries, so an entry that does not exist is skipped.
   */
  async batch<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    const key = transactionOf(manager);
    if (this.pending.has(key)) return work();
    const changes: EntryChange[] = [];
    this.pending.set(key, changes);
    try {
      const result = await work();
      for (const hook of this.hooks) {
        if (hook.afterEntryChanges && changes.length > 0) await hook.afterEntryChanges(manager, changes);
      }
      return result;
    } finally {
      this.pending.delete(key);
    }
  }
}

function transactionOf(manager: EntityManager): object {
  return manager.queryRunner ?? manager;
}
