import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { entryRefFromLookup, type EntryRef } from './entry-ref.js';
import { EntryRefRepository } from './entry-ref.repository.js';
import { entryCodeNode } from './entry-lookup.js';
import { EntryLookupClient } from './entry-lookup.client.js';
import { EntryLookupRule } from './ledger.exception.js';

/** How an application names a catalog entry: by id (held here) or by code (anywhere in the federation). */
export interface EntryName {
  entryId?: string | undefined;
  entryCode?: string | undefined;
}

/**
 * The catalog entries an application may name. This node's own entries and the 一本账 replicas of
 * its subtree are held here and kept current by their events; an entry of any other node (a
 * ministry's, for a city's applicant) is looked up by its code at the node the code names and
 * stored here like the others — looked up again at every filing, since no event keeps it current.
 */
@Injectable()
export class EntryDirectory {
  constructor(
    private readonly entries: EntryRefRepository,
    private readonly lookups: EntryLookupClient,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /**
   * Before filing, outside its transaction: an entry named by a code this node does not keep current
   * is fetched from its node and stored. 404 when that node has no such published entry, 503 at once
   * when it cannot be reached.
   */
  async refresh(name: EntryName): Promise<void> {
    if (name.entryCode === undefined) return;
    const code = name.entryCode;
    if (entryCodeNode(code) === this.config.node.code) return;
    const held = await this.entries.findByCode(this.dataSource.manager, code);
    if (held && held.lookedUpAt === null) return;
    const record = await this.lookups.fetch(code, entryField(name));
    await this.entries.upsertIfNewer(this.dataSource.manager, entryRefFromLookup(record), new Date());
  }

  /** The published entry named, as held here; 404 naming the field when there is none. */
  async find(manager: EntityManager, name: EntryName): Promise<EntryRef> {
    const entry =
      name.entryCode !== undefined
        ? await this.entries.findByCode(manager, name.entryCode)
        : name.entryId !== undefined
          ? await this.entries.find(manager, name.entryId)
          : null;
    if (!entry || entry.retired) {
      const id = name.entryCode ?? name.entryId ?? '(none)';
      const message =
        name.entryCode !== undefined
          ? `没有已发布的目录 ${id} (no published catalog entry ${id})`
          : `节点 ${this.config.node.code} 未知已发布的目录 ${id}；本节点一本账之外的目录请以其编码（target.entryCode）指明 (no published catalog entry ${id} known at node ${this.config.node.code}; an entry of a node outside its 一本账 is named by its code (target.entryCode))`;
      throw new GovdataError(ErrorCode.NotFound, message, [
        { path: entryField(name), rule: EntryLookupRule.PublishedEntry, message },
      ]);
    }
    return entry;
  }
}

/** The request field that names the entry. */
export function entryField(name: EntryName): string {
  return name.entryCode !== undefined ? 'target.entryCode' : 'target.entryId';
}
