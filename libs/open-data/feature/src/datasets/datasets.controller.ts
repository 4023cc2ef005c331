import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@govdata/platform-auth';
import { GovdataError, PROBLEM_CONTENT_TYPE, toProblemDetails } from '@govdata/platform-errors';
import { attachmentDisposition, LOGGER, parseInput } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { OpenAccessLimits } from '../access/open-access-limits.js';
import { SECURITY_COMMITMENTS } from '../applications/open-application.js';
import { TableReader, type RowStream } from '../rows/table-reader.js';
import { OPEN_MASK_RULES } from '../sources/masking-sql.js';
import { SnapshotRepository, type SnapshotRecord } from '../snapshots/snapshot.repository.js';
import { SnapshotService } from '../snapshots/snapshot.service.js';
import { encoders, FORMAT_CONTENT_TYPES, readsCsv } from '../snapshots/file-encoders.js';
import { OriginClient } from '../rows/origin.client.js';
import { ReplicaDownloads } from '../rows/replica-downloads.js';
import { isLocalResource, publishedColumns, type DatasetView, type ResourceRecord } from './dataset.js';
import { DatasetRepository } from './dataset.repository.js';
import { DatasetViews } from './dataset-views.js';
import { decodeListCursor, encodeListCursor } from './list-cursor.js';
import { servedByOrigin } from './open-data.exception.js';
import {
  DOWNLOAD_FORMATS,
  OPEN_DOMAINS,
  OPEN_LICENCES,
  UPDATE_CYCLE_LABELS,
  type DownloadFormat,
} from './open-vocabulary.js';
import { PublishedDatasets } from './published-datasets.js';
import { OPEN_DOMAIN_CODES } from './open-vocabulary.js';

const listQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    domain: z.enum(OPEN_DOMAIN_CODES).optional(),
    organisationId: z.uuid().optional(),
    status: z.enum(['open', 'archived']).default('open'),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
const rowsQuery = z
  .object({
    filters: z
      .string()
      .max(4_000)
      .optional()
      .transform((raw, ctx) => {
        if (raw === undefined || raw === '') return {};
        try {
          const parsed = z
            .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
            .parse(JSON.parse(raw));
          return parsed;
        } catch {
          ctx.addIssue({ code: 'custom', message: '须为 JSON 对象：{"信息项": 值} (a JSON object: {"item": value})' });
          return z.NEVER;
        }
      }),
    sort: z
      .string()
      .max(200)
      .regex(/^.+?(?: (?:asc|desc))?$/i, '“信息项” 或 “信息项 desc” (an item name, optionally followed by asc or desc)')
      .optional(),
    after: z.string().max(2_000).optional(),
    limit: z.coerce.number().int().min(1).max(1_000).default(100),
  })
  .strict();
const downloadQuery = z
  .object({
    format: z.enum(DOWNLOAD_FORMATS).default('csv'),
    /** Read the source now rather than serve the file of the last update. */
    live: z.enum(['true', 'false']).default('false'),
  })
  .strict();
const idParam = z.uuid();

/**
 * 开放数据 — `/api/v1/open-data`: the node's open catalog for everybody, no account needed: the
 * datasets opened after review (and those archived since), their tables page by page, and whole
 * downloads streamed from the provider's database with the review's masking applied.
 */
@ApiTags('open data 数据开放')
@Controller('api/v1/open-data')
export class DatasetsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    private readonly views: DatasetViews,
    private readonly reader: TableReader,
    private readonly snapshots: SnapshotRepository,
    private readonly snapshotFiles: SnapshotService,
    private readonly limits: OpenAccessLimits,
    private readonly published: PublishedDatasets,
    private readonly originRows: OriginClient,
    private readonly replicaDownloads: ReplicaDownloads,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @ApiOperation({
    summary: '开放数据的代码表 (subject domains, licences, update cycles, masking rules, security commitments)',
  })
  @Get('vocabulary')
  @Public()
  vocabulary() {
    return {
      domains: Object.entries(OPEN_DOMAINS).map(([code, label]) => ({ code, ...label })),
      licences: Object.entries(OPEN_LICENCES).map(([id, l]) => ({ id, ...l })),
      updateCycles: Object.entries(UPDATE_CYCLE_LABELS).map(([code, label]) => ({ code, ...label })),
      maskRules: Object.entries(OPEN_MASK_RULES).map(([name, r]) => ({ name, zh: r.zh })),
      /** 安全承诺 an application to use data opened on conditions accepts, every one. */
      commitments: Object.entries(SECURITY_COMMITMENTS).map(([code, zh]) => ({ code, zh })),
    };
  }

  @ApiOperation({
    summary: '开放数据集列表 (open or archived datasets, newest change first; ?q, ?domain, ?organisationId)',
  })
  @Get('datasets')
  @Public()
  async list(@Query() query: unknown): Promise<{ items: DatasetView[]; next: string | null }> {
    const q = parseInput(listQuery, query);
    const records = await this.datasets.list(this.dataSource.manager, {
      statuses: [q.status],
      q: q.q || undefined,
      domain: q.domain,
      organisationId: q.organisationId,
      after: q.after ? modifiedAfter(decodeListCursor(q.after)) : undefined,
      limit: q.limit + 1,
    });
    const page = records.slice(0, q.limit);
    return {
      items: await this.views.views(this.dataSource.manager, page),
      next: records.length > q.limit ? encodeListCursor(page.at(-1)!.metadataModified, page.at(-1)!.id) : null,
    };
  }

  @ApiOperation({ summary: '开放数据集详情 (an open or archived dataset with its resources)' })
  @Get('datasets/:id')
  @Public()
  async get(@Param('id') id: string): Promise<DatasetView> {
    const dataset = await this.published.published(parseInput(idParam, id, 'id'));
    return (await this.views.views(this.dataSource.manager, [dataset]))[0]!;
  }

  @ApiOperation({
    summary:
      '数据表预览与查询 (rows of a table resource: ?filters={"信息项":值}, ?sort=信息项 desc, ?after, ?limit ≤ 1000)',
  })
  @ApiQuery({
    name: 'filters',
    required: false,
    description: 'JSON object of item name → value (unmasked published items only)',
  })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @Get('datasets/:id/resources/:resourceId/rows')
  @Public()
  async rows(
    @Param('id') id: string,
    @Param('resourceId') resourceId: string,
    @Query() query: unknown,
    @Req() req: Request,
  ) {
    const q = parseInput(rowsQuery, query);
    await this.limits.admit(req, 'rows');
    const { dataset, resource } = await this.published.servedResource(
      parseInput(idParam, id, 'id'),
      parseInput(idParam, resourceId, 'resourceId'),
      req,
    );
    const sort = q.sort ? /^(.+?)(?: (asc|desc))?$/i.exec(q.sort.trim()) : null;
    const asked = {
      filters: q.filters,
      sort: sort
        ? { item: sort[1]!, direction: (sort[2]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? 'asc' }
        : undefined,
      after: q.after,
      limit: q.limit,
    };
    // A replica's rows are the origin's to serve, masked and limited there.
    if (!isLocalResource(resource)) {
      return this.originRows.page(dataset.nodeCode, { datasetId: dataset.id, resourceId: resource.id, ...asked });
    }
    const page = await this.reader.page(resource, asked);
    return { fields: resource.columns.filter((c) => c.decision !== 'withhold').map((c) => c.item), ...page };
  }

  @ApiOperation({
    summary:
      '下载 (the whole table as CSV — UTF-8 with BOM, item names as header — JSON, XML or XLSX: the file of the last update, with length, ETag and ranges, or ?live=true streamed from the source; a replica’s file is relayed from its origin node)',
  })
  @ApiProduces(...Object.values(FORMAT_CONTENT_TYPES).map((t) => t.split(';')[0]!))
  @ApiQuery({ name: 'format', enum: DOWNLOAD_FORMATS, required: false })
  @ApiQuery({
    name: 'live',
    enum: ['true', 'false'],
    required: false,
    description: 'true: read the source now instead of the file of the last update (no length, ETag or ranges)',
  })
  @Get('datasets/:id/resources/:resourceId/download')
  @Public()
  async download(
    @Param('id') id: string,
    @Param('resourceId') resourceId: string,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const { format, live } = parseInput(downloadQuery, query);
    await this.limits.admit(res.req, 'downloads');
    const datasetId = parseInput(idParam, id, 'id');
    const { dataset, resource, underGrant } = await this.published.servedResource(
      datasetId,
      parseInput(idParam, resourceId, 'resourceId'),
      res.req,
    );
    // A replica's live read is its origin's: a routed call carries one bounded answer, not a stream.
    if (!isLocalResource(resource) && live === 'true') {
      throw servedByOrigin(dataset, 'live', { zh: '实时下载', en: 'download live' });
    }
    const fileName = `${dataset.name}-${resource.name}.${format}`.replace(/[\\/:*?"<>|\r\n]/g, '_');
    res.setHeader('content-type', FORMAT_CONTENT_TYPES[format]);
    res.setHeader('content-disposition', attachmentDisposition(fileName, `open-data.${format}`));
    // A replica's file is the origin's, relayed through the federation.
    if (!isLocalResource(resource)) return this.replicaDownloads.send(res, dataset, resource, format);
    // Data opened on conditions is read live with the caller's granted columns only (files are
    // written of what is open without conditions).
    const snapshot =
      live === 'true' || underGrant ? null : await this.snapshots.find(this.dataSource.manager, resource.id, format);
    // A file written before the latest review (which may have withheld a column since) is never served.
    if (snapshot && Date.parse(snapshot.generatedAt) >= Date.parse(resource.updatedAt)) {
      await this.sendSnapshot(res, snapshot, resource);
      return;
    }
    res.setHeader('cache-control', 'no-store');
    const rows = readsCsv(format) ? await this.reader.csv(resource) : await this.reader.objects(resource);
    await this.send(res, rows, format, resource);
  }

  /**
   * The file of the last update: its length, a strong ETag (its sha256), Last-Modified, and byte
   * ranges (a broken download resumes); If-None-Match answers 304. Whole downloads are counted.
   */
  private async sendSnapshot(res: Response, snapshot: SnapshotRecord, resource: ResourceRecord): Promise<void> {
    const etag = `"sha256-${snapshot.sha256}"`;
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'public, max-age=0, must-revalidate');
    const ifNoneMatch = res.req.headers['if-none-match'];
    if (
      ifNoneMatch &&
      (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    ) {
      res.status(304).end();
      return;
    }
    res.setHeader('x-govdata-rows', String(snapshot.rows));
    res.setHeader('x-govdata-generated-at', snapshot.generatedAt);
    await new Promise<void>((resolve) => {
      res.sendFile(
        snapshot.fileName,
        { root: this.snapshotFiles.folder, etag: false, lastModified: true, dotfiles: 'deny', acceptRanges: true },
        (error) => {
          if (error && !res.headersSent) {
            this.logger.warn({ resourceId: resource.id, err: error.message }, 'open data: a snapshot file is missing');
            const problem = toProblemDetails(
              GovdataError.unavailable(
                '文件暂时无法读取，请稍后再试 (the file cannot be read now; try again later)',
                30,
              ),
              res.req.originalUrl,
            );
            res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
          }
          resolve();
        },
      );
    });
    if (res.statusCode === 200) {
      await this.datasets
        .countDownload(this.dataSource.manager, resource.id, snapshot.format, snapshot.rows)
        .catch((error: unknown) =>
          this.logger.warn({ err: (error as Error).message }, 'open data: a download was not counted'),
        );
    }
  }

  private async send(res: Response, rows: RowStream, format: DownloadFormat, resource: ResourceRecord): Promise<void> {
    let failed = false;
    try {
      const fields = publishedColumns(resource).map((c) => c.item);
      await pipeline([rows.stream, ...encoders(format, fields, resource.name), res]);
    } catch (error) {
      failed = true;
      this.logger.warn({ resourceId: resource.id, err: (error as Error).message }, 'open data: a download ended early');
      res.destroy();
    } finally {
      await rows.done(failed);
    }
    if (!failed) {
      await this.datasets
        .countDownload(this.dataSource.manager, resource.id, format, rows.rowCount())
        .catch((error: unknown) =>
          this.logger.warn({ err: (error as Error).message }, 'open data: a download was not counted'),
        );
    }
  }
}

function modifiedAfter(cursor: { at: string; id: string }): { modified: string; id: string } {
  return { modified: cursor.at, id: cursor.id };
}
