import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { EntityManager } from 'typeorm';
import type { EntryAction, VersionState } from './entry-lifecycle.js';

/** One change to an entry, as the features that follow entries (search, clocks, 一數一源) see it. */
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
}

/**
 * The hooks run after every entry write, in its transaction: a failing hook rolls the write back,
 * so the search index, clocks and flags can never disagree with the entries they describe.
 * Features register in their `onModuleInit`.
 */
@Injectable()
export class EntryHooks {
  private readonly hooks: EntryWriteHook[] = [];

  register(hook: EntryWriteHook): void {
    this.hooks.push(hook);
  }

  async run(manager: EntityManager, change: EntryChange): Promise<void> {
    for (const hook of this.hooks) await hook.afterEntryChange(manager, change);
  }
}
