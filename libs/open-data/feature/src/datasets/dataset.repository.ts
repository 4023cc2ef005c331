import type { OpenDatasetPublicView } from '@govdata/contracts';
import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import { containsPattern, searchText, searchWord } from './search-text.js';
import type {
  DatasetItem,
  DatasetMetadata,
  DatasetRecord,
  DatasetStatus,
  OpenType,
  OpeningReview,
  ReplicaFile,
  ResourceRecord,
  ReviewedColumn,
  TableSourceRef,
} from './dataset.js';
import type { OpenDomain, OpenLicence } from './open-vocabulary.js';

export interface DatasetFilter {
  statuses: readonly DatasetStatus[];
  organisationId?: string;
  domain?: OpenDomain;
  /** Words found in the name, abstract or tags. */
  q?: string;
  /** Keyset: datasets changed before this one (newest first). */
  after?: { modified: string; id: string };
  limit: number;
}

/** 开放数据集 and their resources: the only writer of `open_dataset`, `open_resource` and the counts. */
export class DatasetRepository {
  async findById(manager: EntityManager, id: string, lock = false): Promise<DatasetRecord | null> {
    const rows: DatasetRaw[] = await manager.query(
      `SELECT ${DATASET_SELECT} FROM open_dataset WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toDataset(rows[0]) : null;
  }

  /** Datasets by id, in the order of `ids` (missing ones left out). */
  async findByIds(manager: EntityManager, ids: readonly string[]): Promise<DatasetRecord[]> {
    if (ids.length === 0) return [];
    const rows: DatasetRaw[] = await manager.query(`SELECT ${DATASET_SELECT} FROM open_dataset WHERE id = ANY($1)`, [
      ids,
    ]);
    const byId = new Map(rows.map((r) => [r.id, toDataset(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async findByEntry(manager: EntityManager, entryId: string): Promise<DatasetRecord | null> {
    const rows: DatasetRaw[] = await manager.query(
      `SELECT ${DATASET_SELECT} FROM open_dataset WHERE entry_id = $1 FOR UPDATE`,
      [entryId],
    );
    return rows[0] ? toDataset(rows[0]) : null;
  }

  async insertPending(
    manager: EntityManager,
    d: { id: string; nodeCode: string; entryId: string; due: string | null; dueProvisional: boolean } & DatasetMetadata,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO open_dataset (id, node_code, entry_id, entry_code, entry_version, entry_sequence, organisation_id,
         provider_name, provider_code, name, abstract, open_type, open_conditions, update_cycle, region_code,
         classification, tags, items, formats, status, review_due, review_due_provisional, submitted_at,
         metadata_modified, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 'pending', $20, $21,
         now(), now(), $22)`,
      [
        d.id,
        d.nodeCode,
        d.entryId,
        d.entryCode,
        d.entryVersion,
        d.entrySequence,
        d.organisationId,
        d.providerName,
        d.providerCode,
        d.name,
        d.abstract,
        d.openType,
        d.openConditions,
        d.updateCycle,
        d.regionCode,
        d.classification,
        d.tags,
        JSON.stringify(d.items),
        d.formats,
        d.due,
        d.dueProvisional,
        searchText(d),
      ],
    );
  }

  /** A new published version: its metadata, and the status it leaves the dataset in. */
  async updateMetadata(
    manager: EntityManager,
    id: string,
    m: DatasetMetadata,
    next: { status: DatasetStatus; due?: string | null; dueProvisional?: boolean },
  ): Promise<void> {
    const reopening = next.status === 'pending';
    await manager.query(
      `UPDATE open_dataset SET entry_code = $2, entry_version = $3, entry_sequence = $4, organisation_id = $5,
         provider_name = $6, provider_code = $7, name = $8, abstract = $9, open_type = $10, open_conditions = $11,
         update_cycle = $12, region_code = $13, classification = $14, tags = $15, items = $16, formats = $17,
         status = $18, metadata_modified = now(),
         review_due = CASE WHEN $19 THEN $20::date ELSE review_due END,
         review_due_provisional = CASE WHEN $19 THEN $21 ELSE review_due_provisional END,
         submitted_at = CASE WHEN $19 THEN now() ELSE submitted_at END,
         archived_at = CASE WHEN $18 = 'archived' THEN archived_at ELSE NULL END,
         archived_reason = CASE WHEN $18 = 'archived' THEN archived_reason ELSE NULL END,
         search_text = $22
       WHERE id = $1`,
      [
        id,
        m.entryCode,
        m.entryVersion,
        m.entrySequence,
        m.organisationId,
        m.providerName,
        m.providerCode,
        m.name,
        m.abstract,
        m.openType,
        m.openConditions,
        m.updateCycle,
        m.regionCode,
        m.classification,
        m.tags,
        JSON.stringify(m.items),
        m.formats,
        next.status,
        reopening,
        next.due ?? null,
        next.dueProvisional ?? false,
        searchText(m),
      ],
    );
  }

  /** Closes the dataset: kept, listed as archived, its rows and downloads no longer served. */
  async archive(manager: EntityManager, id: string, entrySequence: number, reason: string): Promise<void> {
    await manager.query(
      `UPDATE open_dataset SET status = 'archived', archived_at = now(), archived_reason = $3, entry_sequence = $2,
         metadata_modified = now()
       WHERE id = $1`,
      [id, entrySequence, reason],
    );
  }

  async recordReview(
    manager: EntityManager,
    id: string,
    review: OpeningReview,
    opened: { domain: OpenDomain; licence: OpenLicence } | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE open_dataset SET review = $2, status = $3, domain = COALESCE($4, domain), licence = COALESCE($5, licence),
         opened_at = CASE WHEN $3 = 'open' THEN now() ELSE opened_at END, metadata_modified = now()
       WHERE id = $1`,
      [id, JSON.stringify(review), opened ? 'open' : 'refused', opened?.domain ?? null, opened?.licence ?? null],
    );
  }

  /** Counts a change published upward; the dataset's new public version. */
  async bumpPublicVersion(manager: EntityManager, id: string): Promise<number> {
    const rows = await modifiedRows<{ public_version: string }>(
      manager,
      'UPDATE open_dataset SET public_version = public_version + 1 WHERE id = $1 RETURNING public_version',
      [id],
    );
    return Number(rows[0]!.public_version);
  }

  /**
   * Stores a replica of an open dataset of the subtree, with its resources, unless one of the same or a
   * higher version is here (replays and late arrivals change nothing); a dataset of this node's own is
   * never overwritten. Whether it was stored.
   */
  async upsertReplica(
    manager: EntityManager,
    r: { dataset: OpenDatasetPublicView; version: number; path: string[]; receivedAt: string },
  ): Promise<boolean> {
    const d = r.dataset;
    const stored: Array<{ id: string }> = await manager.query(
      `INSERT INTO open_dataset (id, node_code, entry_id, entry_code, entry_version, entry_sequence, organisation_id,
         provider_name, provider_code, name, abstract, open_type, open_conditions, update_cycle, region_code,
         classification, tags, items, formats, domain, licence, status, submitted_at, opened_at, archived_at,
         archived_reason, metadata_modified, public_version, origin_path, received_at, search_text)
       VALUES ($1, $2, $3, $4, 0, 0, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
         COALESCE($21::timestamptz, $24::timestamptz), $21, $22, $23, $24, $25, $26, $27, $28)
       ON CONFLICT (id) DO UPDATE SET node_code = EXCLUDED.node_code, entry_id = EXCLUDED.entry_id,
         entry_code = EXCLUDED.entry_code, organisation_id = EXCLUDED.organisation_id,
         provider_name = EXCLUDED.provider_name, provider_code = EXCLUDED.provider_code, name = EXCLUDED.name,
         abstract = EXCLUDED.abstract, open_type = EXCLUDED.open_type, open_conditions = EXCLUDED.open_conditions,
         update_cycle = EXCLUDED.update_cycle, region_code = EXCLUDED.region_code,
         classification = EXCLUDED.classification, tags = EXCLUDED.tags, items = EXCLUDED.items,
         formats = EXCLUDED.formats, domain = EXCLUDED.domain, licence = EXCLUDED.licence, status = EXCLUDED.status,
         opened_at = EXCLUDED.opened_at, archived_at = EXCLUDED.archived_at,
         archived_reason = EXCLUDED.archived_reason, metadata_modified = EXCLUDED.metadata_modified,
         public_version = EXCLUDED.public_version, origin_path = EXCLUDED.origin_path,
         received_at = EXCLUDED.received_at, search_text = EXCLUDED.search_text
       WHERE open_dataset.origin_path IS NOT NULL AND open_dataset.public_version < EXCLUDED.public_version
       RETURNING id`,
      [
        d.id,
        d.nodeCode,
        d.entryId,
        d.entryCode,
        d.provider.organisationId,
        d.provider.name,
        d.provider.code,
        d.name,
        d.abstract,
        d.openType,
        d.openConditions,
        d.updateCycle,
        d.regionCode,
        d.classification,
        d.tags,
        JSON.stringify(d.items),
        d.formats,
        d.domain,
        d.licence,
        d.status,
        d.openedAt,
        d.archivedAt,
        d.archivedReason,
        d.metadataModified,
        r.version,
        r.path,
        r.receivedAt,
        searchText(d),
      ],
    );
    if (stored.length === 0) return false;
    await manager.query('DELETE FROM open_resource WHERE dataset_id = $1 AND NOT (id = ANY($2))', [
      d.id,
      d.resources.map((x) => x.id),
    ]);
    for (const x of d.resources) {
      const columns: ReviewedColumn[] = x.columns.map((c) => ({
        column: c.item,
        columnType: '',
        item: c.item,
        decision: c.masked ? 'mask' : 'open',
      }));
      await manager.query(
        `INSERT INTO open_resource (id, dataset_id, kind, mount_id, name, source, columns, replica_files, updated_at)
         VALUES ($1, $2, $3, $1, $4, NULL, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, columns = EXCLUDED.columns,
           replica_files = EXCLUDED.replica_files, updated_at = EXCLUDED.updated_at`,
        [x.id, d.id, x.kind, x.name, JSON.stringify(columns), JSON.stringify(x.files), x.updatedAt],
      );
    }
    return true;
  }

  async list(manager: EntityManager, f: DatasetFilter): Promise<DatasetRecord[]> {
    const where = ['status = ANY($1)'];
    const params: unknown[] = [f.statuses];
    if (f.organisationId) where.push(`organisation_id = $${params.push(f.organisationId)}`);
    if (f.domain) where.push(`domain = $${params.push(f.domain)}`);
    if (f.q) where.push(`search_text LIKE $${params.push(containsPattern(searchWord(f.q)))}`);
    if (f.after) {
      const m = params.push(f.after.modified);
      const i = params.push(f.after.id);
      where.push(`(metadata_modified, id) < ($${m}::timestamptz, $${i}::uuid)`);
    }
    const rows: DatasetRaw[] = await manager.query(
      `SELECT ${DATASET_SELECT} FROM open_dataset WHERE ${where.join(' AND ')}
       ORDER BY metadata_modified DESC, id DESC LIMIT $${params.push(f.limit)}`,
      params,
    );
    return rows.map(toDataset);
  }

  /**
   * One numbered page of the node's open catalog (its own datasets and its subtree's replicas), newest change first (the order of the status
   * index), for exports paged by number rather than by cursor: `offset` reads through the index.
   */
  async openPage(manager: EntityManager, nodeCode: string, offset: number, limit: number): Promise<DatasetRecord[]> {
    const rows: DatasetRaw[] = await manager.query(
      `SELECT ${DATASET_SELECT} FROM open_dataset WHERE status = 'open' AND ${IN_OPEN_CATALOG}
       ORDER BY metadata_modified DESC, id DESC OFFSET $2 LIMIT $3`,
      [nodeCode, offset, limit],
    );
    return rows.map(toDataset);
  }

  /** How many datasets the node's open catalog holds open (replicas included), when the first was opened and when any last changed. */
  async openSummary(
    manager: EntityManager,
    nodeCode: string,
  ): Promise<{ count: number; firstOpened: string | null; lastModified: string | null }> {
    const rows: Array<{ n: string; first_opened: Date | null; last_modified: Date | null }> = await manager.query(
      `SELECT count(*) AS n, min(opened_at) AS first_opened, max(metadata_modified) AS last_modified
       FROM open_dataset WHERE status = 'open' AND ${IN_OPEN_CATALOG}`,
      [nodeCode],
    );
    const r = rows[0]!;
    return {
      count: Number(r.n),
      firstOpened: r.first_opened?.toISOString() ?? null,
      lastModified: r.last_modified?.toISOString() ?? null,
    };
  }

  async resources(manager: EntityManager, datasetIds: readonly string[]): Promise<ResourceRecord[]> {
    if (datasetIds.length === 0) return [];
    const rows: ResourceRaw[] = await manager.query(
      'SELECT * FROM open_resource WHERE dataset_id = ANY($1) ORDER BY created_at, id',
      [datasetIds],
    );
    return rows.map(toResource);
  }

  async resourcesById(manager: EntityManager, resourceIds: readonly string[]): Promise<ResourceRecord[]> {
    if (resourceIds.length === 0) return [];
    const rows: ResourceRaw[] = await manager.query('SELECT * FROM open_resource WHERE id = ANY($1)', [resourceIds]);
    return rows.map(toResource);
  }

  async findResource(manager: EntityManager, datasetId: string, resourceId: string): Promise<ResourceRecord | null> {
    const rows: ResourceRaw[] = await manager.query('SELECT * FROM open_resource WHERE dataset_id = $1 AND id = $2', [
      datasetId,
      resourceId,
    ]);
    return rows[0] ? toResource(rows[0]) : null;
  }

  /** The reviewed tables of a dataset, replacing those of an earlier review (ids kept by mount). */
  async replaceResources(
    manager: EntityManager,
    datasetId: string,
    resources: ReadonlyArray<{
      id: string;
      mountId: string;
      name: string;
      source: TableSourceRef;
      columns: ReviewedColumn[];
    }>,
  ): Promise<void> {
    await manager.query('DELETE FROM open_resource WHERE dataset_id = $1 AND NOT (mount_id = ANY($2))', [
      datasetId,
      resources.map((r) => r.mountId),
    ]);
    for (const r of resources) {
      await manager.query(
        `INSERT INTO open_resource (id, dataset_id, kind, mount_id, name, source, columns)
         VALUES ($1, $2, 'table', $3, $4, $5, $6)
         ON CONFLICT (dataset_id, mount_id) DO UPDATE SET name = excluded.name, source = excluded.source,
           columns = excluded.columns, updated_at = now()`,
        [r.id, datasetId, r.mountId, r.name, JSON.stringify(r.source), JSON.stringify(r.columns)],
      );
    }
  }

  /** Counts one download (by Beijing day), and the rows it served once finished. */
  async countDownload(manager: EntityManager, resourceId: string, format: string, rows: number): Promise<void> {
    await manager.query(
      `INSERT INTO open_download_count (resource_id, day, format, downloads, rows_served)
       VALUES ($1, (now() AT TIME ZONE 'Asia/Shanghai')::date, $2, 1, $3)
       ON CONFLICT (resource_id, day, format) DO UPDATE
         SET downloads = open_download_count.downloads + 1, rows_served = open_download_count.rows_served + $3`,
      [resourceId, format, rows],
    );
  }

  async downloadTotals(manager: EntityManager, resourceIds: readonly string[]): Promise<Map<string, number>> {
    if (resourceIds.length === 0) return new Map();
    const rows: Array<{ resource_id: string; n: string }> = await manager.query(
      `SELECT resource_id, sum(downloads) AS n FROM open_download_count WHERE resource_id = ANY($1) GROUP BY resource_id`,
      [resourceIds],
    );
    return new Map(rows.map((r) => [r.resource_id, Number(r.n)]));
  }
}

/** The node's own datasets (`$1` its code) and the replicas of those opened below it. */
const IN_OPEN_CATALOG = '(node_code = $1 OR origin_path IS NOT NULL)';

/** Every column, the review's due date as `YYYY-MM-DD` (a `date` would come back as a local midnight). */
const DATASET_SELECT = "*, to_char(review_due, 'YYYY-MM-DD') AS review_due_iso";

interface DatasetRaw {
  id: string;
  node_code: string;
  entry_id: string;
  entry_code: string;
  entry_version: number;
  entry_sequence: string;
  organisation_id: string;
  provider_name: string;
  provider_code: string;
  name: string;
  abstract: string;
  open_type: OpenType;
  open_conditions: string;
  update_cycle: string;
  region_code: string;
  classification: string;
  tags: string[];
  items: DatasetItem[];
  formats: string[];
  domain: OpenDomain | null;
  licence: OpenLicence | null;
  status: DatasetStatus;
  review: OpeningReview | null;
  review_due_iso: string | null;
  review_due_provisional: boolean;
  submitted_at: Date;
  opened_at: Date | null;
  archived_at: Date | null;
  archived_reason: string | null;
  metadata_modified: Date;
  public_version: string;
  origin_path: string[] | null;
  received_at: Date | null;
}

function toDataset(r: DatasetRaw): DatasetRecord {
  return {
    id: r.id,
    nodeCode: r.node_code,
    entryId: r.entry_id,
    entryCode: r.entry_code,
    entryVersion: r.entry_version,
    entrySequence: Number(r.entry_sequence),
    organisationId: r.organisation_id,
    providerName: r.provider_name,
    providerCode: r.provider_code,
    name: r.name,
    abstract: r.abstract,
    openType: r.open_type,
    openConditions: r.open_conditions,
    updateCycle: r.update_cycle,
    regionCode: r.region_code,
    classification: r.classification,
    tags: r.tags,
    items: r.items,
    formats: r.formats,
    domain: r.domain,
    licence: r.licence,
    status: r.status,
    review: r.review,
    reviewDue: r.review_due_iso,
    reviewDueProvisional: r.review_due_provisional,
    submittedAt: r.submitted_at.toISOString(),
    openedAt: r.opened_at?.toISOString() ?? null,
    archivedAt: r.archived_at?.toISOString() ?? null,
    archivedReason: r.archived_reason,
    metadataModified: r.metadata_modified.toISOString(),
    publicVersion: Number(r.public_version),
    origin:
      r.origin_path && r.received_at
        ? { nodeCode: r.node_code, path: r.origin_path, receivedAt: r.received_at.toISOString() }
        : null,
  };
}

interface ResourceRaw {
  id: string;
  dataset_id: string;
  kind: 'table';
  mount_id: string;
  name: string;
  source: TableSourceRef | null;
  columns: ReviewedColumn[];
  replica_files: ReplicaFile[] | null;
  created_at: Date;
  updated_at: Date;
}

function toResource(r: ResourceRaw): ResourceRecord {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    kind: r.kind,
    mountId: r.mount_id,
    name: r.name,
    source: r.source,
    columns: r.columns,
    replicaFiles: r.replica_files,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
