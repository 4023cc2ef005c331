import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { OrganisationRefRepository } from '../organisation-directory/organisation-ref.repository.js';
import { diffContent, type FieldChange } from './entry-diff.js';
import { entryStatus } from './entry-lifecycle.js';
import { toView } from './entry-view.js';
import { EntryRepository, type EntryListFilter } from './entry.repository.js';
import type { EntryRecord, EntryView, TransitionRecord, VersionRecord } from './entry.types.js';
import { isRestricted, readerScope, type ReaderScope } from './entry-visibility.js';

/** Which version to read: the head (being edited or reviewed), the published one, or a number. */
export type VersionSelector = 'head' | 'published' | number;

export interface VersionSummary {
  version: number;
  state: VersionRecord['state'];
  name: string;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publishDate: string | null;
}

/**
 * Reads with the visibility rules of `entry-visibility.ts` applied. An entry the reader may not see
 * is answered exactly like one that does not exist (404), so its existence does not leak.
 */
@Injectable()
export class EntryReadService {
  constructor(
    private readonly entries: EntryRepository,
    private readonly organisations: OrganisationRefRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  reader(principal: Principal): ReaderScope {
    return readerScope(principal, this.config.node.code);
  }

  async get(
    manager: EntityManager,
    principal: Principal,
    idOrCode: string,
    selector?: VersionSelector,
  ): Promise<EntryView> {
    const { entry, privileged } = await this.visibleEntry(manager, principal, idOrCode);
    const version = await this.selectVersion(
      manager,
      entry,
      privileged,
      selector ?? (privileged ? 'head' : 'published'),
    );
    return toView(entry, version, await this.organisations.find(manager, entry.organisationId));
  }

  async versions(manager: EntityManager, principal: Principal, idOrCode: string): Promise<VersionSummary[]> {
    const { entry, privileged } = await this.visibleEntry(manager, principal, idOrCode);
    const versions = await this.entries.listVersions(manager, entry.id);
    return versions.filter((v) => privileged || isPublic(v)).map(toSummary);
  }

  async diff(
    manager: EntityManager,
    principal: Principal,
    idOrCode: string,
    from: number,
    to: number,
  ): Promise<{ from: number; to: number; changes: FieldChange[] }> {
    const { entry, privileged } = await this.visibleEntry(manager, principal, idOrCode);
    const before = await this.selectVersion(manager, entry, privileged, from, 'from');
    const after = await this.selectVersion(manager, entry, privileged, to, 'to');
    return { from, to, changes: diffContent(before.content, after.content) };
  }

  /** Who did what, when and why. Reviewers' field reasons are for the provider and the authority only. */
  async history(manager: EntityManager, principal: Principal, idOrCode: string): Promise<TransitionRecord[]> {
    const { entry, privileged } = await this.visibleEntry(manager, principal, idOrCode);
    const transitions = await this.entries.transitions(manager, entry.id);
    if (privileged) return transitions;
    return transitions.filter((t) => t.action === 'publish' || t.action === 'retire');
  }

  async list(
    manager: EntityManager,
    principal: Principal,
    filter: EntryListFilter,
  ): Promise<
    Array<
      Pick<EntryView, 'id' | 'code' | 'status' | 'headVersion' | 'headState' | 'publishedVersion' | 'restricted'> & {
        name: string;
        organisationId: string;
        updatedAt: string;
      }
    >
  > {
    const rows = await this.entries.list(manager, this.reader(principal), filter);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      organisationId: r.organisationId,
      status: entryStatus(r.headState, r.publishedVersion, r.retiredAt !== null),
      headVersion: r.headVersion,
      headState: r.headState,
      publishedVersion: r.publishedVersion,
      restricted: r.restricted,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  private async visibleEntry(
    manager: EntityManager,
    principal: Principal,
    idOrCode: string,
  ): Promise<{ entry: EntryRecord; privileged: boolean }> {
    const entry = await this.entries.find(manager, this.config.node.code, idOrCode);
    if (!entry) throw GovdataError.notFound('catalog entry', idOrCode);
    const reader = this.reader(principal);
    const privileged = reader.nodeAuthority || reader.organisationId === entry.organisationId;
    if (!privileged) {
      if (entry.publishedVersion === null) throw GovdataError.notFound('catalog entry', idOrCode);
      const published = (await this.entries.findVersion(manager, entry.id, entry.publishedVersion))!;
      if (isRestricted(published.content)) throw GovdataError.notFound('catalog entry', idOrCode);
    }
    return { entry, privileged };
  }

  private async selectVersion(
    manager: EntityManager,
    entry: EntryRecord,
    privileged: boolean,
    selector: VersionSelector,
    field = 'version',
  ): Promise<VersionRecord> {
    const number =
      selector === 'head' ? entry.headVersion : selector === 'published' ? entry.publishedVersion : selector;
    if (number === null) throw GovdataError.notFound('published version of entry', entry.code);
    const version = await this.entries.findVersion(manager, entry.id, number);
    if (!version || (!privileged && !isPublic(version))) {
      throw new GovdataError(
        ErrorCode.NotFound,
        `${field}：目录 ${entry.code} 没有您可读取的第 ${number} 版 (${field}: entry ${entry.code} has no version ${number} you may read)`,
      );
    }
    return version;
  }
}

function isPublic(version: VersionRecord): boolean {
  return version.state === 'published' || version.state === 'superseded';
}

function toSummary(v: VersionRecord): VersionSummary {
  return {
    version: v.version,
    state: v.state,
    name: v.content.name,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    submittedAt: v.submittedAt?.toISOString() ?? null,
    approvedAt: v.approvedAt?.toISOString() ?? null,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    publishDate: v.publishDate,
  };
}
