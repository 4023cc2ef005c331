import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ReplicaEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import type { IndexSource } from '../search/entry-search-document.js';
import { EntrySearchIndexer } from '../search/entry-search.indexer.js';
import { ReplicaEntryRepository, type StoredReplica } from './replica-entry.repository.js';
import { replicaRecord } from './replica-projection.js';

/**
 * 一本账 — applies `federation.replica.v1` to the read-only replicas and, in the same transaction,
 * to the search index, so a search never shows a replica in a state it has left.
 */
@Injectable()
export class ReplicaProjectionService {
  private readonly log = new Logger(ReplicaProjectionService.name);

  constructor(
    private readonly replicas: ReplicaEntryRepository,
    private readonly indexer: EntrySearchIndexer,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Applies the record when its version is higher than the stored one; true when it changed something. */
  async apply(manager: EntityManager, event: ReplicaEventV1): Promise<boolean> {
    const record = replicaRecord(event, this.config.node.code);
    const stored = await this.replicas.upsertIfNewer(manager, record);
    if (!stored) {
      this.log.debug(`replica ${record.originNode}/${record.entryId} v${record.version}: not newer, unchanged`);
      return false;
    }
    await this.indexer.indexReplicas(manager, [indexSource(stored)]);
    return true;
  }
}

/** A replica as the search index reads an entry: its published version, retired or not. */
export function indexSource(r: StoredReplica): IndexSource {
  return {
    entryId: r.entryId,
    code: r.code,
    nodeCode: r.originNode,
    organisationId: r.organisationId,
    headState: 'published',
    publishedVersion: r.entryVersion,
    retired: r.retired,
    updatedAt: r.receivedAt,
    version: r.entryVersion,
    content: r.content,
    publishedAt: r.publishedAt,
    publishDate: r.publishDate,
  };
}
