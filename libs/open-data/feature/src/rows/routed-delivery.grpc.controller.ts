import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Controller, Inject } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { federationRoutingV1 } from '@govdata/contracts';
import { AllowedCallers } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { isLocalResource, publishedColumns, type LocalResource } from '../datasets/dataset.js';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { PublishedDatasets } from '../datasets/published-datasets.js';
import { SnapshotRepository } from '../snapshots/snapshot.repository.js';
import { SnapshotService } from '../snapshots/snapshot.service.js';
import { decodeFileRequest, encodeFileAnswer, ORIGIN_FILE_METHOD, type OriginFileRequest } from './origin-file.wire.js';
import { decodeRowsRequest, encodeRowsAnswer, ORIGIN_ROWS_METHOD, type OriginRowsRequest } from './origin-rows.wire.js';
import { TableReader } from './table-reader.js';

/** Seconds an ancestor's reader waits before asking again for a file being written anew. */
const FILE_CHANGED_RETRY_SECONDS = 30;

type Reply = federationRoutingV1.DeliverResponse;

/**
 * govdata.federation.v1.RoutedDeliveryService — an ancestor reading one of this node's open datasets
 * for its public (its replica's data is served here): a page of rows, or a range of the file of the
 * last update. Answered as this node's own API answers anybody: only its own open, unconditional
 * datasets, with its masking and page limit. Only this node's federation service hands calls over
 * (its service token).
 */
@Controller()
@AllowedCallers({ services: ['federation'] })
@federationRoutingV1.RoutedDeliveryServiceControllerMethods()
export class RoutedDeliveryGrpcController implements federationRoutingV1.RoutedDeliveryServiceController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly published: PublishedDatasets,
    private readonly datasets: DatasetRepository,
    private readonly reader: TableReader,
    private readonly snapshots: SnapshotRepository,
    private readonly snapshotFiles: SnapshotService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(request: federationRoutingV1.DeliverRequest): Promise<Reply> {
    const routed = request.call;
    const refuse = (code: status, message: string): Reply => ({
      reply: { code, message, payload: Buffer.alloc(0), path: routed?.path ?? [] },
    });
    if (!routed || (routed.method !== ORIGIN_ROWS_METHOD && routed.method !== ORIGIN_FILE_METHOD)) {
      return refuse(
        status.UNIMPLEMENTED,
        `the open-data service takes ${ORIGIN_ROWS_METHOD} and ${ORIGIN_FILE_METHOD} from other nodes`,
      );
    }
    if (routed.destination !== this.config.node.code) {
      return refuse(status.FAILED_PRECONDITION, `this is node ${this.config.node.code}, not ${routed.destination}`);
    }
    const rows = routed.method === ORIGIN_ROWS_METHOD;
    let asked: OriginRowsRequest | OriginFileRequest;
    try {
      const payload = Buffer.from(routed.payload);
      asked = rows ? decodeRowsRequest(payload) : decodeFileRequest(payload);
    } catch {
      return refuse(status.INVALID_ARGUMENT, `malformed ${rows ? 'rows' : 'file range'} request`);
    }
    let answer: Buffer;
    try {
      const { resource } = await this.published.servedResource(asked.datasetId, asked.resourceId, null, {
        replicas: false,
      });
      if (!isLocalResource(resource)) throw GovdataError.notFound('open resource', asked.resourceId);
      answer = rows
        ? await this.rows(resource, asked as OriginRowsRequest)
        : encodeFileAnswer({ bytes: await this.fileRange(resource, asked as OriginFileRequest) });
    } catch (error) {
      if (!(error instanceof GovdataError)) {
        this.logger.warn({ origin: routed.origin, err: (error as Error).message }, 'open data: a routed read failed');
        return refuse(status.INTERNAL, 'the data could not be read');
      }
      const problem = {
        code: error.code,
        message: error.message,
        fields: error.fields,
        ...(typeof error.extra['retryAfterSeconds'] === 'number'
          ? { retryAfterSeconds: error.extra['retryAfterSeconds'] }
          : {}),
      };
      answer = rows ? encodeRowsAnswer({ problem }) : encodeFileAnswer({ problem });
    }
    return { reply: { code: status.OK, message: '', payload: answer, path: routed.path } };
  }

  private async rows(resource: LocalResource, asked: OriginRowsRequest): Promise<Buffer> {
    const page = await this.reader.page(resource, {
      filters: asked.filters,
      sort: asked.sort,
      after: asked.after,
      limit: asked.limit,
    });
    return encodeRowsAnswer({ page: { fields: publishedColumns(resource).map((c) => c.item), ...page } });
  }

  /**
   * The bytes of the file the ancestor names by its sha256. A file written anew since (the ancestor's
   * replica will hear of it) answers 503 with Retry-After rather than mixing two files in one download.
   */
  private async fileRange(resource: LocalResource, asked: OriginFileRequest): Promise<Buffer> {
    const snapshot = await this.snapshots.find(this.dataSource.manager, resource.id, asked.format);
    const current = snapshot && Date.parse(snapshot.generatedAt) >= Date.parse(resource.updatedAt);
    if (!snapshot || !current || snapshot.sha256 !== asked.sha256) {
      throw GovdataError.unavailable(
        '文件正在更新，请稍后重新下载 (the file is being written anew: download it again shortly)',
        FILE_CHANGED_RETRY_SECONDS,
      );
    }
    if (asked.start >= snapshot.bytes) {
      throw GovdataError.validation([
        { path: 'start', rule: 'range', message: `超出文件长度 ${snapshot.bytes} (beyond the file's length)` },
      ]);
    }
    const length = Math.min(asked.length, snapshot.bytes - asked.start);
    const bytes = Buffer.alloc(length);
    const file = await open(join(this.snapshotFiles.folder, snapshot.fileName), 'r').catch(() => {
      throw GovdataError.unavailable('文件暂时无法读取，请稍后再试 (the file cannot be read now)', 30);
    });
    try {
      let read = 0;
      while (read < length) {
        const { bytesRead } = await file.read(bytes, read, length - read, asked.start + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      if (read < length) throw GovdataError.unavailable('文件暂时无法读取 (the file cannot be read now)', 30);
    } finally {
      await file.close();
    }
    if (asked.count && asked.start + length === snapshot.bytes) {
      await this.datasets
        .countDownload(this.dataSource.manager, resource.id, snapshot.format, snapshot.rows)
        .catch((error: unknown) =>
          this.logger.warn({ err: (error as Error).message }, 'open data: a download was not counted'),
        );
    }
    return bytes;
  }
}
