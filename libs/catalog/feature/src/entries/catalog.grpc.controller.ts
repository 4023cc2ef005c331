import { setTimeout as sleep } from 'node:timers/promises';
import { Controller, Inject } from '@nestjs/common';
import { catalogV1 } from '@govdata/contracts';
import type { Metadata } from '@grpc/grpc-js';
import { AllowedCallers, grpcCallerOf, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { CatalogSearchService } from '../search/catalog-search.service.js';
import type { EntryContent } from './entry-content.js';
import { decodeEntryCursor, encodeEntryCursor } from './entry-cursor.js';
import { EntryReadService } from './entry-read.service.js';
import { EntryRepository } from './entry.repository.js';
import type { EntryView } from './entry.types.js';
import { ENTRY_STATUSES } from './entry-lifecycle.js';
import { isUuid } from '@govdata/codes';
import { EntryInputProblem } from './entry.exception.js';

const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';
/** How often a followed change stream looks for new transitions. */
const FOLLOW_INTERVAL_MS = 250;

/**
 * govdata.catalog.v1.CatalogService — the catalog for the node's other services and for users'
 * systems. The reader is the verified caller: the end user of the access token (their organisation
 * and roles), or a service of the node with the view of any government user (published entries).
 */
@Controller()
@AllowedCallers({ services: 'any', users: 'any' })
@catalogV1.CatalogServiceControllerMethods()
export class CatalogGrpcController implements catalogV1.CatalogServiceController {
  constructor(
    private readonly reads: EntryReadService,
    private readonly entries: EntryRepository,
    private readonly search: CatalogSearchService,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async getEntry(request: catalogV1.GetEntryRequest, metadata?: Metadata): Promise<catalogV1.GetEntryResponse> {
    const view = await this.reads.get(
      this.dataSource.manager,
      this.reader(metadata, request.readerOrganisationId),
      request.idOrCode,
    );
    return { entry: toProto(view) };
  }

  async listEntries(
    request: catalogV1.ListEntriesRequest,
    metadata?: Metadata,
  ): Promise<catalogV1.ListEntriesResponse> {
    const size = request.pageSize > 0 ? Math.min(request.pageSize, 200) : 50;
    if (request.status && !(ENTRY_STATUSES as readonly string[]).includes(request.status)) {
      throw GovdataError.validation([
        {
          path: 'status',
          rule: EntryInputProblem.Enum,
          message: `取值须为 ${ENTRY_STATUSES.join(', ')} 之一 (one of ${ENTRY_STATUSES.join(', ')})`,
        },
      ]);
    }
    if (request.organisationId && !isUuid(request.organisationId)) {
      throw GovdataError.validation([
        { path: 'organisation_id', rule: EntryInputProblem.Uuid, message: 'UUID 格式的 ID (a UUID)' },
      ]);
    }
    const reader = this.reader(metadata, request.readerOrganisationId);
    const rows = await this.reads.list(this.dataSource.manager, reader, {
      organisationId: request.organisationId || undefined,
      status: request.status || undefined,
      after: request.pageToken ? decodeEntryCursor(request.pageToken, 'page_token') : undefined,
      limit: size + 1,
    });
    const page = rows.slice(0, size);
    const entries = await Promise.all(page.map((row) => this.reads.get(this.dataSource.manager, reader, row.id)));
    const last = page.at(-1);
    return {
      entries: entries.map(toProto),
      nextPageToken: rows.length > size && last ? encodeEntryCursor(last) : '',
    };
  }

  async searchEntries(
    request: catalogV1.SearchEntriesRequest,
    metadata?: Metadata,
  ): Promise<catalogV1.SearchEntriesResponse> {
    const size = request.pageSize > 0 ? Math.min(request.pageSize, 100) : 20;
    const reader = this.reads.reader(this.reader(metadata, request.readerOrganisationId));
    const page = await this.search.search(this.dataSource.manager, reader, {
      q: request.query || undefined,
      limit: size,
      cursor: request.pageToken || undefined,
    });
    return {
      hits: page.items.map((item) => ({
        id: item.id,
        code: item.code,
        name: item.name,
        providerName: item.provider.name ?? '',
        score: item.score ?? 0,
      })),
      nextPageToken: page.nextCursor ?? '',
    };
  }

  /** Every transition of every entry, drafts included: the node's services, or its node-admins and auditors. */
  @AllowedCallers({ services: 'any', users: ['node-admin', 'auditor'], nodeWideRoles: true })
  watchEntryChanges(request: catalogV1.WatchEntryChangesRequest): Observable<catalogV1.WatchEntryChangesResponse> {
    return new Observable((subscriber) => {
      let open = true;
      void (async () => {
        let after = request.afterSequence;
        try {
          while (open) {
            const batch = await this.entries.transitionsAfter(
              this.dataSource.manager,
              this.config.node.code,
              after,
              500,
            );
            for (const t of batch) {
              if (!open) return;
              subscriber.next({
                sequence: t.seq,
                entryId: t.entryId,
                code: t.code,
                action: t.action,
                version: t.version,
                toState: t.toState,
                atMs: t.at.getTime(),
              });
              after = t.seq;
            }
            if (batch.length === 500) continue;
            if (!request.follow) break;
            await sleep(FOLLOW_INTERVAL_MS);
          }
          subscriber.complete();
        } catch (error) {
          subscriber.error(error);
        }
      })();
      return () => {
        open = false;
      };
    });
  }

  /**
   * The verified caller reads: the end user of the access token, else the calling service with the
   * view of any government user. `reader_organisation_id` is kept for old clients only: empty, or
   * the caller's own organisation — never a way to read as another organisation.
   */
  private reader(metadata: Metadata | undefined, claimedOrganisationId: string): Principal {
    const caller = grpcCallerOf(metadata);
    const reader: Principal = caller.user ?? {
      subject: `service:${caller.service?.service ?? 'unknown'}`,
      kind: 'service',
      organisationId: NO_ORGANISATION,
      nodeCode: this.config.node.code,
      roles: [],
    };
    if (claimedOrganisationId && claimedOrganisationId !== reader.organisationId) {
      throw GovdataError.forbidden(
        'reader_organisation_id 须为空或为访问令牌所属机构：读取方即经验证的调用方 (reader_organisation_id must be empty or the organisation of the access token: the reader is the verified caller)',
      );
    }
    return reader;
  }
}

function toProto(view: EntryView): catalogV1.Entry {
  return {
    id: view.id,
    code: view.code,
    nodeCode: view.nodeCode,
    status: view.status,
    providerOrganisationId: view.provider.organisationId,
    providerName: view.provider.name,
    providerCode: view.provider.code,
    version: view.version,
    publishedVersion: view.publishedVersion ?? 0,
    publishDate: view.publishDate ?? '',
    content: contentToProto(view.content),
    authoritativeEntryId: view.authoritativeEntryId ?? '',
    updatedAtMs: Date.parse(view.updatedAt),
  };
}

function contentToProto(c: EntryContent): catalogV1.EntryContent {
  return {
    name: c.name,
    abstract: c.abstract,
    classificationCode: c.classificationCode,
    grade: { category: c.grade.category, level: c.grade.level ?? 0 },
    sharing: {
      type: c.sharing.type,
      conditions: c.sharing.conditions ?? '',
      legalBasis: c.sharing.legalBasis ?? '',
      methods: c.sharing.methods ?? [],
    },
    open: { type: c.open.type, conditions: c.open.conditions ?? '' },
    format: { category: c.format.category, detail: c.format.detail ?? '' },
    updateCycle: c.updateCycle,
    items: c.items.map((i) => ({
      name: i.name,
      dataType: i.dataType,
      length: i.length ?? 0,
      dataElement: i.dataElement ?? '',
      description: i.description ?? '',
    })),
    relatedCodes: c.relatedCodes,
    regionCode: c.regionCode,
    tags: c.tags,
    systemId: c.systemId ?? '',
  };
}
