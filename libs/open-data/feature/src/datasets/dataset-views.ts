import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DATASET_STATUS_LABELS,
  domainView,
  licenceView,
  OPEN_TYPE_LABELS,
  updateCycleView,
  type DatasetRecord,
  type DatasetView,
  type ResourceRecord,
  type ResourceView,
} from './dataset.js';
import { DatasetRepository } from './dataset.repository.js';
import { SnapshotRepository, type SnapshotRecord } from '../snapshots/snapshot.repository.js';
import { DOWNLOAD_FORMATS, type DownloadFormat } from './open-vocabulary.js';
import { RatingRepository } from '../ratings/rating.repository.js';
import { NO_RATINGS, type RatingSummary } from '../ratings/rating.js';
import { ShowcaseRepository } from '../showcases/showcase.repository.js';

/** What the public made of a dataset: approved showcases using it, and its ratings. */
export interface DatasetEngagement {
  showcases: number;
  rating: RatingSummary;
}

const NO_ENGAGEMENT: DatasetEngagement = { showcases: 0, rating: NO_RATINGS };

/** Datasets as the API shows them, their resources and download counts read in one go per page. */
@Injectable()
export class DatasetViews {
  constructor(
    private readonly datasets: DatasetRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly showcases: ShowcaseRepository,
    private readonly ratings: RatingRepository,
  ) {}

  async views(manager: EntityManager, records: readonly DatasetRecord[]): Promise<DatasetView[]> {
    return (await this.read(manager, records)).views;
  }

  /** The views, and the resources read for them (the reviews show their reviewed columns too). */
  async read(
    manager: EntityManager,
    records: readonly DatasetRecord[],
  ): Promise<{ views: DatasetView[]; resources: ResourceRecord[] }> {
    const resources = await this.datasets.resources(
      manager,
      records.map((r) => r.id),
    );
    const downloads = await this.datasets.downloadTotals(
      manager,
      resources.map((r) => r.id),
    );
    const files = await this.snapshots.forResources(
      manager,
      resources.map((r) => r.id),
    );
    const ids = records.map((r) => r.id);
    const showcases = await this.showcases.approvedCounts(manager, ids);
    const ratings = await this.ratings.summaries(manager, ids);
    const views = records.map((record) =>
      toDatasetView(
        record,
        resources.filter((r) => r.datasetId === record.id),
        downloads,
        files,
        { showcases: showcases.get(record.id) ?? 0, rating: ratings.get(record.id) ?? NO_RATINGS },
      ),
    );
    return { views, resources };
  }
}

export function toDatasetView(
  d: DatasetRecord,
  resources: readonly ResourceRecord[],
  downloads: ReadonlyMap<string, number>,
  files: readonly SnapshotRecord[] = [],
  engagement: DatasetEngagement = NO_ENGAGEMENT,
): DatasetView {
  return {
    id: d.id,
    entryId: d.entryId,
    entryCode: d.entryCode,
    nodeCode: d.nodeCode,
    name: d.name,
    abstract: d.abstract,
    provider: { organisationId: d.organisationId, name: d.providerName, code: d.providerCode },
    openType: { type: d.openType, label: OPEN_TYPE_LABELS[d.openType], conditions: d.openConditions },
    domain: domainView(d.domain),
    licence: licenceView(d.licence),
    updateCycle: updateCycleView(d.updateCycle),
    regionCode: d.regionCode,
    tags: d.tags,
    items: d.items,
    status: d.status,
    statusLabel: DATASET_STATUS_LABELS[d.status],
    openedAt: d.openedAt,
    archivedAt: d.archivedAt,
    archivedReason: d.archivedReason,
    metadataModified: d.metadataModified,
    origin: d.origin,
    resources:
      d.status === 'pending' || d.status === 'refused'
        ? []
        : resources.map((r) => toResourceView(d, r, downloads, files)),
    showcases: engagement.showcases,
    rating: engagement.rating,
  };
}

function toResourceView(
  d: DatasetRecord,
  r: ResourceRecord,
  downloads: ReadonlyMap<string, number>,
  files: readonly SnapshotRecord[],
): ResourceView {
  const types = new Map(d.items.map((i) => [i.name, i.dataType]));
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: { zh: '数据表', en: 'Table' },
    name: r.name,
    columns: r.columns
      .filter((c) => c.decision !== 'withhold')
      .map((c) => ({ item: c.item, dataType: types.get(c.item) ?? 'C', masked: c.decision === 'mask' })),
    formats: [...DOWNLOAD_FORMATS],
    // Only files written since the last review are served (see the download), and so shown; a
    // replica shows the files its origin listed.
    files: r.replicaFiles
      ? r.replicaFiles.flatMap((f) => (isDownloadFormat(f.format) ? [{ ...f, format: f.format }] : []))
      : files
          .filter((f) => f.resourceId === r.id && Date.parse(f.generatedAt) >= Date.parse(r.updatedAt))
          .map((f) => ({
            format: f.format,
            bytes: f.bytes,
            rows: f.rows,
            sha256: f.sha256,
            generatedAt: f.generatedAt,
          })),
    downloads: downloads.get(r.id) ?? 0,
    updatedAt: r.updatedAt,
  };
}

function isDownloadFormat(format: string): format is DownloadFormat {
  return (DOWNLOAD_FORMATS as readonly string[]).includes(format);
}
