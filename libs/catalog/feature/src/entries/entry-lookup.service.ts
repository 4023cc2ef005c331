import { Inject, Injectable } from '@nestjs/common';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { OrganisationRefRepository } from '../organisation-directory/organisation-ref.repository.js';
import { lookupRecord } from './entry-lookup.js';
import { EntryRepository } from './entry.repository.js';
import { isRestricted } from './entry-visibility.js';

/**
 * 跨节点目录查询 — another node asks for one of this node's published entries (an applicant there
 * names it by code). It sees what any reader outside the provider sees: published, not retired,
 * not restricted (不予共享 or 核心数据); anything else is "no such published entry", so an entry's
 * existence does not leak.
 */
@Injectable()
export class EntryLookupService {
  constructor(
    private readonly entries: EntryRepository,
    private readonly organisations: OrganisationRefRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async lookup(manager: EntityManager, code: string): Promise<CatalogEntryEventV1> {
    const own = this.config.node.code;
    const missing = () => GovdataError.notFound(`published catalog entry of node ${own}`, code);
    const entry = await this.entries.find(manager, own, code);
    if (!entry || entry.publishedVersion === null) throw missing();
    const published = await this.entries.findVersion(manager, entry.id, entry.publishedVersion);
    if (!published || isRestricted(published.content)) throw missing();
    if (entry.retiredAt !== null) {
      throw GovdataError.notFound(
        `catalog entry of node ${own} (retired ${entry.retiredAt.toISOString().slice(0, 10)})`,
        code,
      );
    }
    const publication = (await this.entries.transitions(manager, entry.id))
      .filter((t) => t.action === 'publish' && t.version === entry.publishedVersion)
      .at(-1);
    if (!publication) throw missing();
    return lookupRecord(entry, published, publication, await this.organisations.find(manager, entry.organisationId));
  }
}
