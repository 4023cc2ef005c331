import type { EntityManager } from 'typeorm';
import { ClassificationEntity } from '../classification/classification.entity.js';
import type { EntryStatus } from '../entries/entry-lifecycle.js';
import { ENTRY_STATUS_SQL, restrictedSql } from '../entries/entry.repository.js';
import type { ReaderScope } from '../entries/entry-visibility.js';
import { CatalogImportEntity, toImportRecord } from './catalog-import.entity.js';
import { toExportedEntry, type ExportedEntryRaw } from './excel-export-row.js';
import type { ImportMode, ImportReport } from './excel-import-report.js';
import type { ExportedEntry } from './excel-row-mapping.js';
import type { ClassificationOption } from './excel-workbook-writer.js';

export interface ExportFilter {
  status?: EntryStatus;
  organisationId?: string;
}

export interface ImportRecord {
  id: string;
  organisationId: string;
  actorSubject: string;
  mode: ImportMode;
  dryRun: boolean;
  fileName: string | null;
  fileSha256: string;
  state: 'running' | 'finished';
  committed: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/**
 * Queries of the Excel import and export: the code table, entries to export, and the import records
 * (`catalog_import`, written only here).
 */
export class ExcelRepository {
  async classifications(manager: EntityManager): Promise<ClassificationOption[]> {
    const rows = await manager.getRepository(ClassificationEntity).find({
      select: { code: true, name: true, level: true, parentCode: true },
      order: { code: 'ASC' },
    });
    return rows.map((r) => ({ code: r.code, name: r.name, level: Number(r.level), parentCode: r.parentCode ?? null }));
  }

  /**
   * One page of the entries a reader may see, by code: the provider and the node authority get the
   * head version (what they are editing), everyone else the published one — as `GET /entries/:id`.
   */
  async exportPage(
    manager: EntityManager,
    reader: ReaderScope,
    filter: ExportFilter,
    afterCode: string | null,
    limit: number,
  ): Promise<ExportedEntry[]> {
    const params: unknown[] = [reader.nodeCode, reader.organisationId, reader.nodeAuthority];
    const where = [
      'e.node_code = $1',
      `($3 OR e.organisation_id = $2::uuid OR (pv.entry_id IS NOT NULL AND NOT ${restrictedSql('pv')}))`,
    ];
    if (filter.organisationId) {
      params.push(filter.organisationId);
      where.push(`e.organisation_id = $${params.length}::uuid`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`${ENTRY_STATUS_SQL} = $${params.length}`);
    }
    if (afterCode !== null) {
      params.push(afterCode);
      where.push(`e.code > $${params.length}`);
    }
    params.push(limit);
    const rows: ExportedEntryRaw[] = await manager.query(
      `SELECT e.code, e.head_state, e.published_version, e.retired_at, v.content,
              coalesce(o.name, '') AS provider_name, coalesce(o.uscc, '') AS provider_code,
              to_char(pv.publish_date, 'YYYY-MM-DD') AS publish_date
       FROM catalog_entry e
       LEFT JOIN catalog_entry_version pv ON pv.entry_id = e.id AND pv.version = e.published_version
       JOIN catalog_entry_version v ON v.entry_id = e.id
        AND v.version = CASE WHEN $3 OR e.organisation_id = $2::uuid THEN e.head_version ELSE e.published_version END
       LEFT JOIN organisation_ref o ON o.id = e.organisation_id
       WHERE ${where.join(' AND ')}
       ORDER BY e.code LIMIT $${params.length}`,
      params,
    );
    return rows.map(toExportedEntry);
  }

  async insertImport(
    manager: EntityManager,
    record: Pick<
      ImportRecord,
      'id' | 'organisationId' | 'actorSubject' | 'mode' | 'dryRun' | 'fileName' | 'fileSha256'
    > & {
      nodeCode: string;
      total: number;
    },
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(CatalogImportEntity)
      .values({
        id: record.id,
        nodeCode: record.nodeCode,
        organisationId: record.organisationId,
        actorSubject: record.actorSubject,
        mode: record.mode,
        dryRun: record.dryRun,
        fileName: record.fileName,
        fileSha256: record.fileSha256,
        total: record.total,
      })
      .updateEntity(false)
      .execute();
  }

  /** Counts rows committed by the transaction this runs in — so the record never disagrees with it. */
  async addProgress(manager: EntityManager, id: string, counts: ImportCounts): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(CatalogImportEntity)
      .set({
        created: () => 'created + :created',
        updated: () => 'updated + :updated',
        unchanged: () => 'unchanged + :unchanged',
        failed: () => 'failed + :failed',
      })
      .where('id = :id', { id, ...counts })
      .updateEntity(false)
      .execute();
  }

  async finishImport(manager: EntityManager, report: ImportReport): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(CatalogImportEntity)
      .set({
        state: 'finished',
        committed: report.committed,
        total: report.total,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        failed: report.failed,
        message: report.message,
        report: report.rows,
        finishedAt: () => 'now()',
      })
      .where('id = :id', { id: report.importId })
      .updateEntity(false)
      .execute();
  }

  /** An import of the organisation, with its row report. */
  async findImport(
    manager: EntityManager,
    nodeCode: string,
    organisationId: string,
    id: string,
  ): Promise<(ImportRecord & { rows: ImportReport['rows'] | null }) | null> {
    const row = await manager.getRepository(CatalogImportEntity).findOneBy({ id, nodeCode, organisationId });
    return row ? { ...toImportRecord(row), rows: row.report ?? null } : null;
  }

  async listImports(
    manager: EntityManager,
    nodeCode: string,
    organisationId: string,
    limit: number,
  ): Promise<ImportRecord[]> {
    const rows = await manager.getRepository(CatalogImportEntity).find({
      select: IMPORT_COLUMNS,
      where: { nodeCode, organisationId },
      order: { startedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
    return rows.map(toImportRecord);
  }
}

/** Every column but the row report, which a list does not show. */
const IMPORT_COLUMNS = {
  id: true,
  nodeCode: true,
  organisationId: true,
  actorSubject: true,
  mode: true,
  dryRun: true,
  fileName: true,
  fileSha256: true,
  state: true,
  committed: true,
  total: true,
  created: true,
  updated: true,
  unchanged: true,
  failed: true,
  message: true,
  startedAt: true,
  finishedAt: true,
} as const;
