import { EntitySchema } from 'typeorm';
import type { ImportMode, ImportReport } from './excel-import-report.js';
import type { ImportRecord } from './excel.repository.js';

/** One row of `catalog_import` (migration CreateCatalogImport1763900200000): an Excel import and its report. */
export interface CatalogImportRow {
  id: string;
  nodeCode: string;
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
  /** The row report, once finished. */
  report: ImportReport['rows'] | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** `catalog_import`, mapped column by column; the migration stays the schema's source. */
export const CatalogImportEntity = new EntitySchema<CatalogImportRow>({
  name: 'CatalogImport',
  tableName: 'catalog_import',
  columns: {
    id: { name: 'id', type: 'uuid', primary: true },
    nodeCode: { name: 'node_code', type: 'text' },
    organisationId: { name: 'organisation_id', type: 'uuid' },
    actorSubject: { name: 'actor_subject', type: 'text' },
    mode: { name: 'mode', type: 'text' },
    dryRun: { name: 'dry_run', type: 'boolean' },
    fileName: { name: 'file_name', type: 'text', nullable: true },
    fileSha256: { name: 'file_sha256', type: 'text' },
    state: { name: 'state', type: 'text' },
    committed: { name: 'committed', type: 'boolean' },
    total: { name: 'total', type: 'integer' },
    created: { name: 'created', type: 'integer' },
    updated: { name: 'updated', type: 'integer' },
    unchanged: { name: 'unchanged', type: 'integer' },
    failed: { name: 'failed', type: 'integer' },
    message: { name: 'message', type: 'text', nullable: true },
    report: { name: 'report', type: 'jsonb', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz' },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
  },
});

export function toImportRecord(row: CatalogImportRow): ImportRecord {
  return {
    id: row.id,
    organisationId: row.organisationId,
    actorSubject: row.actorSubject,
    mode: row.mode,
    dryRun: row.dryRun,
    fileName: row.fileName ?? null,
    fileSha256: row.fileSha256,
    state: row.state,
    committed: row.committed,
    total: row.total,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    failed: row.failed,
    message: row.message ?? null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
