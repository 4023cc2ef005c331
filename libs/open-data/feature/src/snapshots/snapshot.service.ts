import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { isLocalResource, publishedColumns, type ResourceRecord } from '../datasets/dataset.js';
import { OpenDatasetEvents } from '../datasets/open-dataset-events.js';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../datasets/open-vocabulary.js';
import { TableReader, type RowStream } from '../rows/table-reader.js';
import { encoders, readsCsv } from './file-encoders.js';
import { SnapshotRepository } from './snapshot.repository.js';

/** How often the service looks for files due. */
const SWEEP_MS = 30_000;
/** How long one replica may take to write a file before another may try. */
const LEASE_SECONDS = 30 * 60;

/**
 * 快照 — writes each table resource's download files (CSV with a BOM, JSON) into the node's data
 * folder, streaming from the source as the live download does, hashing as it writes; a file is
 * renamed into place only when whole. Files are generated when a dataset opens, again on its
 * update cycle (or when a review changed its columns), one at a time, leased so replicas do not
 * both write the same one.
 */
@Injectable()
export class SnapshotService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: SnapshotRepository,
    private readonly datasets: DatasetRepository,
    private readonly reader: TableReader,
    private readonly events: OpenDatasetEvents,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Where the files are. */
  get folder(): string {
    return join(this.config.node.dataDir, 'open-data', 'snapshots');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Generates every file due, one after another; safe to call at any time (one sweep at once). */
  sweep(): Promise<void> {
    this.sweeping ??= this.generateDue().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async generateDue(): Promise<void> {
    while (!this.stopped) {
      let next: { resourceId: string; format: DownloadFormat } | null;
      try {
        next = await this.snapshots.leaseNextDue(
          this.dataSource.manager,
          this.config.node.code,
          DOWNLOAD_FORMATS,
          LEASE_SECONDS,
        );
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'open data: looking for snapshots due failed');
        return;
      }
      if (!next) return;
      await this.generate(next.resourceId, next.format);
    }
  }

  private async generate(resourceId: string, format: DownloadFormat): Promise<void> {
    const manager = this.dataSource.manager;
    const [resource] = (await this.datasets.resourcesById(manager, [resourceId])) as [ResourceRecord | undefined];
    // A replica's files are its origin's; only this node's own tables are written here.
    if (!resource || !isLocalResource(resource)) return;
    const fileName = `${resourceId}.${format}`;
    const partial = join(this.folder, `${fileName}.partial`);
    let rows: RowStream | undefined;
    try {
      await mkdir(this.folder, { recursive: true });
      rows = readsCsv(format) ? await this.reader.csv(resource) : await this.reader.objects(resource);
      const hash = createHash('sha256');
      let bytes = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          bytes += chunk.length;
          callback(null, chunk);
        },
      });
      const fields = publishedColumns(resource).map((c) => c.item);
      await pipeline([rows.stream, ...encoders(format, fields, resource.name), count, createWriteStream(partial)]);
      await rows.done(false);
      await rename(partial, join(this.folder, fileName));
      const sha256 = hash.digest('hex');
      await this.dataSource.transaction(async (m) => {
        await this.snapshots.complete(m, { resourceId, format, fileName, bytes, rows: rows!.rowCount(), sha256 });
        // The dataset's public view lists its files: the ancestors' replicas learn of the new one.
        await this.events.changed(m, resource.datasetId, 'update');
      });
      this.logger.info({ resourceId, format, bytes, rows: rows.rowCount() }, 'open data: snapshot written');
    } catch (error) {
      await rows?.done(true);
      await rm(partial, { force: true });
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ resourceId, format, err: message }, 'open data: a snapshot could not be written');
      await this.snapshots.fail(manager, resourceId, format, message).catch(() => undefined);
    }
  }
}
