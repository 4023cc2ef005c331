import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EntryChange, EntryWriteHook } from '../entries/entry-hooks.js';
import { EntrySearchIndexer } from './entry-search.indexer.js';

/** Entries indexed per statement when an import's changes are indexed together. */
const INDEX_BATCH = 500;

/**
 * Keeps the search index in step with the entries, in the transaction of each entry write, so a
 * search never shows an entry in a state it has left. An import's entries are indexed together at
 * its end.
 */
@Injectable()
export class EntrySearchHook implements EntryWriteHook {
  constructor(private readonly indexer: EntrySearchIndexer) {}

  async afterEntryChange(manager: EntityManager, change: EntryChange): Promise<void> {
    await this.indexer.index(manager, [change.entryId]);
  }

  async afterEntryChanges(manager: EntityManager, changes: readonly EntryChange[]): Promise<void> {
    const ids = [...new Set(changes.map((c) => c.entryId))];
    for (let i = 0; i < ids.length; i += INDEX_BATCH) await this.indexer.index(manager, ids.slice(i, i + INDEX_BATCH));
  }
}
