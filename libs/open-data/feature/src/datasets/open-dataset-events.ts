import { Injectable } from '@nestjs/common';
import type { OpenDatasetAction, OpenDatasetEventV1, OpenDatasetPublicView } from '@govdata/contracts';
import { EventPublisher } from '@govdata/platform-messaging';
import type { EntityManager } from 'typeorm';
import { SnapshotRepository, type SnapshotRecord } from '../snapshots/snapshot.repository.js';
import { publishedColumns, type DatasetRecord, type ResourceRecord } from './dataset.js';
import { DatasetRepository } from './dataset.repository.js';

/**
 * Publishes `open-data.dataset.v1` — the dataset's public view after a change — in the caller's
 * transaction (the outbox), for the federation to carry up the tree. Only what the public sees
 * travels: a dataset in review or refused (never opened) is not announced, and a resource's source
 * (connection, sealed password, table) never leaves the node.
 */
@Injectable()
export class OpenDatasetEvents {
  constructor(
    private readonly datasets: DatasetRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /** After a change to dataset `id` in `manager`'s transaction: announces it when it is public. */
  async changed(manager: EntityManager, id: string, action: OpenDatasetAction): Promise<void> {
    // Locked: the versions of one dataset are numbered in the order its changes commit.
    const before = await this.datasets.findById(manager, id, true);
    if (!before || before.origin || !isPublic(before)) return;
    const version = await this.datasets.bumpPublicVersion(manager, id);
    const resources = await this.datasets.resources(manager, [id]);
    const files = await this.snapshots.forResources(
      manager,
      resources.map((r) => r.id),
    );
    const data: OpenDatasetEventV1 = {
      action,
      version,
      at: new Date().toISOString(),
      dataset: publicView(before, resources, files),
    };
    await this.publisher.publish(manager, { type: 'open-data.dataset.v1', subject: id, data });
  }
}

/** Open, or archived after having been open: what the public (and so the ancestors) may see. */
function isPublic(d: DatasetRecord): d is DatasetRecord & { status: 'open' | 'archived' } {
  return d.status === 'open' || (d.status === 'archived' && d.openedAt !== null);
}

export function publicView(
  d: DatasetRecord & { status: 'open' | 'archived' },
  resources: readonly ResourceRecord[],
  files: readonly SnapshotRecord[],
): OpenDatasetPublicView {
  return {
    id: d.id,
    nodeCode: d.nodeCode,
    entryId: d.entryId,
    entryCode: d.entryCode,
    name: d.name,
    abstract: d.abstract,
    provider: { organisationId: d.organisationId, name: d.providerName, code: d.providerCode },
    openType: d.openType,
    openConditions: d.openConditions,
    updateCycle: d.updateCycle,
    regionCode: d.regionCode,
    classification: d.classification,
    tags: d.tags,
    items: d.items,
    formats: d.formats,
    domain: d.domain,
    licence: d.licence,
    status: d.status,
    openedAt: d.openedAt,
    archivedAt: d.archivedAt,
    archivedReason: d.archivedReason,
    metadataModified: d.metadataModified,
    resources: resources.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      columns: publishedColumns(r).map((c) => ({ item: c.item, masked: c.decision === 'mask' })),
      // As the node's own view: only files written since the last review.
      files: files
        .filter((f) => f.resourceId === r.id && Date.parse(f.generatedAt) >= Date.parse(r.updatedAt))
        .map((f) => ({ format: f.format, bytes: f.bytes, rows: f.rows, sha256: f.sha256, generatedAt: f.generatedAt })),
      updatedAt: r.updatedAt,
    })),
  };
}
