import type { EntityManager } from 'typeorm';
import type { EntryContent } from '../entries/entry-content.js';
import { entryStatus, type EntryStatus, type VersionState } from '../entries/entry-lifecycle.js';
import { ENTRY_STATUS_SQL, restrictedSql } from '../entries/entry.repository.js';
import type { ReaderScope } from '../entries/entry-visibility.js';
import type { ImportMode, ImportReport } from './excel-import-report.js';
import type { ExportedEntry } from './excel-row-mapping.js';
import type { ClassificationOption } from './excel-workbook-writer.js';

type Row = Record<string, unknown>;

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

/** Queries of the Excel import and export: the code table, entries to export, import records. */
export class ExcelRepository {
  async classifications(manager: EntityManager): Promise<ClassificationOption[]> {
    const rows: Row[] = await manager.query('SELECT code, name, level, parent_code FROM classification ORDER BY code');
    return rows.map((r) => ({
      code: r['code'] as string,
      name: r['name'] as string,
      level: Number(r['level']),
      parentCode: (r['parent_code'] as string | null) ?? null,
    }));
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
    const rows: Row[] = await manager.query(
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
    return rows.map((r) => ({
      code: r['code'] as string,
      status: entryStatus(
        r['head_state'] as VersionState,
        (r['published_version'] as number | null) ?? null,
        r['retired_at'] !== null,
      ),
      providerName: r['provider_name'] as string,
      providerCode: r['provider_code'] as string,
      publishDate: (r['publish_date'] as string | null) ?? null,
      content: r['content'] as EntryContent,
    }));
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
    await manager.query(
      `INSERT INTO catalog_import (id, node_code, organisation_id, actor_subject, mode, dry_run, file_name, file_sha256, total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        record.id,
        record.nodeCode,
        record.organisationId,
        record.actorSubject,
        record.mode,
        record.dryRun,
        record.fileName,
        record.fileSha256,
        record.total,
      ],
    );
  }

  /** Counts rows committed by the transaction this runs in — so the record never disagrees with it. */
  async addProgress(manager: EntityManager, id: string, counts: ImportCounts): Promise<void> {
    await manager.query(
      `UPDATE catalog_import SET created = created + $2, updated = updated + $3, unchanged = unchanged + $4,
         failed = failed + $5 WHERE id = $1`,
      [id, counts.created, counts.updated, counts.unchanged, counts.failed],
    );
  }

  async finishImport(manager: EntityManager, report: ImportReport): Promise<void> {
    await manager.query(
      `UPDATE catalog_import SET state = 'finished', committed = $2, total = $3, created = $4, updated = $5,
         unchanged = $6, failed = $7, message = $8, report = $9, finished_at = now()
       WHERE id = $1`,
      [
        report.importId,
        report.committed,
        report.total,
        report.created,
        report.updated,
        report.unchanged,
        report.failed,
        report.message,
        JSON.stringify(report.rows),
      ],
    );
  }

  /** An import of the organisation, with its row report. */
  async findImport(
    manager: EntityManager,
    nodeCode: string,
    organisationId: string,
    id: string,
  ): Promise<(ImportRecord & { rows: ImportReport['rows'] | null }) | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${IMPORT_COLUMNS}, report FROM catalog_import WHERE id = $1 AND node_code = $2 AND organisation_id = $3`,
      [id, nodeCode, organisationId],
    );
    const row = rows[0];
    return row ? { ...toImport(row), rows: (row['report'] as ImportReport['rows'] | null) ?? null } : null;
  }

  async listImports(
    manager: EntityManager,
    nodeCode: string,
    organisationId: string,
    limit: number,
  ): Promise<ImportRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${IMPORT_COLUMNS} FROM catalog_import WHERE node_code = $1 AND organisation_id = $2
       ORDER BY started_at DESC, id LIMIT $3`,
      [nodeCode, organisationId, limit],
    );
    return rows.map(toImport);
  }
}

const IMPORT_COLUMNS = `id, organisation_id, actor_subject, mode, dry_run, file_name, file_sha256, state, committed, total,
  created, updated, unchanged, failed, message, started_at, finished_at`;

function toImport(row: Row): ImportRecord {
  return {
    id: row['id'] as string,
    organisationId: row['organisation_id'] as string,
    actorSubject: row['actor_subject'] as string,
    mode: row['mode'] as ImportMode,
    dryRun: row['dry_run'] as boolean,
    fileName: (row['file_name'] as string | null) ?? null,
    fileSha256: row['file_sha256'] as string,
    state: row['state'] as ImportRecord['state'],
    committed: row['committed'] as boolean,
    total: row['total'] as number,
    created: row['created'] as number,
    updated: row['updated'] as number,
    unchanged: row['unchanged'] as number,
    failed: row['failed'] as number,
    message: (row['message'] as string | null) ?? null,
    startedAt: (row['started_at'] as Date).toISOString(),
    finishedAt: (row['finished_at'] as Date | null)?.toISOString() ?? null,
  };
}
