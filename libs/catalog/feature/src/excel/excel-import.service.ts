import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { entryContentSchema } from '../entries/entry-content.js';
import { assertMayCreate } from '../entries/entry-lifecycle.js';
import { EntryHooks } from '../entries/entry-hooks.js';
import { CreateEntryUseCase } from '../entries/create-entry.usecase.js';
import { UpdateEntryUseCase } from '../entries/update-entry.usecase.js';
import { EntryRepository } from '../entries/entry.repository.js';
import { columnSpec, ENTRY_COLUMNS, ITEM_COLUMNS, type ItemColumnKey } from './excel-columns.js';
import type { ImportMode, ImportReport, ReportRow, RowOutcome } from './excel-import-report.js';
import {
  contentProblems,
  entryFromRows,
  locateProblem,
  normaliseSerial,
  sameContent,
  type EntryDraft,
  type RowProblem,
  type SheetNames,
  type SheetRow,
} from './excel-row-mapping.js';
import { readCatalogWorkbook, type UploadedWorkbook } from './excel-workbook-reader.js';
import { ExcelRepository, type ImportCounts } from './excel.repository.js';
import { ExcelImportRule } from './excel.exception.js';

/**
 * Rows per transaction of a per-row import. Each row has its own savepoint, so a bad row is undone
 * alone; committing every few dozen rows keeps a long import from holding the code counters locked
 * for minutes and keeps each transaction under PostgreSQL's 64 cached subtransactions.
 */
const PER_ROW_BATCH = 50;

export interface ImportOptions {
  mode: ImportMode;
  /** Check every row against every rule, then roll everything back. */
  dryRun: boolean;
  fileName: string | null;
  /** Aborted when the caller has gone: an answer nobody receives must not leave unannounced writes. */
  signal?: AbortSignal;
}

/** One planned write: an entry row with its items, or an item row that names no entry. */
interface PlannedRow {
  report: ReportRow;
  draft?: EntryDraft;
}

/** Thrown inside the import transaction to undo it; never leaves the service. */
class RollBack extends Error {}

/**
 * 批量导入 — imports the entries of a workbook as drafts of the caller's organisation. Every row goes
 * through the entry use cases exactly as `POST /entries` (or `PUT /entries/:code` when the row
 * names an existing entry by its 信息资源代码), so the rules are the REST API's; each problem is
 * pointed back at its sheet, row and column.
 *
 * - all-or-nothing: one transaction; any failed row rolls all of them back and the report says so.
 * - per-row: good rows are committed (in small batches), failed rows are listed.
 */
@Injectable()
export class ExcelImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly createEntry: CreateEntryUseCase,
    private readonly updateEntry: UpdateEntryUseCase,
    private readonly hooks: EntryHooks,
    private readonly entries: EntryRepository,
    private readonly repository: ExcelRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async import(
    principal: Principal,
    file: Buffer,
    options: ImportOptions,
  ): Promise<{ report: ImportReport; upload: UploadedWorkbook }> {
    // Refuse a caller who may not create entries before reading a large file.
    assertMayCreate(principal, { nodeCode: this.config.node.code, organisationId: principal.organisationId });
    const upload = await readCatalogWorkbook(file);
    const sheets: SheetNames = { entries: upload.entries.name, items: upload.items.name };
    const planned = plan(upload, sheets);

    const importId = randomUUID();
    await this.repository.insertImport(this.dataSource.manager, {
      id: importId,
      nodeCode: this.config.node.code,
      organisationId: principal.organisationId,
      actorSubject: principal.subject,
      mode: options.mode,
      dryRun: options.dryRun,
      fileName: options.fileName,
      fileSha256: createHash('sha256').update(file).digest('hex'),
      total: planned.length,
    });

    const committed =
      options.mode === 'all-or-nothing' || options.dryRun
        ? await this.allOrNothing(principal, sheets, planned, importId, options.dryRun, options.signal)
        : await this.perRow(principal, sheets, planned, importId, options.signal);

    const rows = planned.map((p) => p.report);
    const count = (outcome: RowOutcome) => rows.filter((r) => r.outcome === outcome).length;
    const report: ImportReport = {
      importId,
      mode: options.mode,
      dryRun: options.dryRun,
      committed,
      total: rows.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      failed: count('failed'),
      message: '',
      rows,
    };
    report.message = options.signal?.aborted
      ? `导入请求已断开：新增 ${report.created} 条，修改 ${report.updated} 条已提交，其余未导入 (the caller disconnected; only the rows counted as created or updated were imported)`
      : summary(report);
    // The catalog is already as the report says; a failure to file the report must not hide that.
    await this.repository
      .finishImport(this.dataSource.manager, report)
      .catch((error: unknown) => this.logger.error({ err: error, importId }, 'excel import report not recorded'));
    return { report, upload };
  }

  /** One transaction for the whole file; the report is complete either way. Returns whether it committed. */
  private async allOrNothing(
    principal: Principal,
    sheets: SheetNames,
    planned: PlannedRow[],
    importId: string,
    dryRun: boolean,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.hooks.batch(manager, async () => {
          for (const row of planned) {
            // Nobody would learn that the file went in: roll it back instead.
            if (signal?.aborted) throw new RollBack();
            await this.importRow(manager, principal, sheets, row);
          }
        });
        const failed = planned.some((p) => p.report.outcome === 'failed');
        if (failed || dryRun || signal?.aborted) throw new RollBack();
        await this.repository.addProgress(manager, importId, counts(planned));
      });
      return true;
    } catch (error) {
      if (!(error instanceof RollBack)) this.logger.error({ err: error, importId }, 'excel import transaction failed');
      for (const row of planned) {
        if (row.report.outcome === 'failed') continue;
        // Rolled back: the codes the rows got were never committed, so they are not theirs.
        row.report.outcome = 'not-committed';
        delete row.report.entryCode;
        delete row.report.entryId;
        if (!(error instanceof RollBack)) row.report.errors.push(notCommitted(sheets, row));
      }
      return false;
    }
  }

  /** Batches of rows, each row in its own savepoint; a batch that fails to commit is reported as such. */
  private async perRow(
    principal: Principal,
    sheets: SheetNames,
    planned: PlannedRow[],
    importId: string,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    for (let start = 0; start < planned.length; start += PER_ROW_BATCH) {
      const batch = planned.slice(start, start + PER_ROW_BATCH);
      if (signal?.aborted) {
        // The caller has gone: stop; the import record counts what the earlier batches committed.
        for (const row of planned.slice(start)) {
          if (row.report.outcome === 'failed') continue;
          row.report.outcome = 'failed';
          row.report.errors.push(cancelled(sheets, row));
        }
        break;
      }
      try {
        await this.dataSource.transaction(async (manager) => {
          await this.hooks.batch(manager, async () => {
            for (const row of batch) await this.importRow(manager, principal, sheets, row);
          });
          await this.repository.addProgress(manager, importId, counts(batch));
        });
      } catch (error) {
        this.logger.error({ err: error, importId }, 'excel import batch failed to commit');
        for (const row of batch) {
          if (row.report.outcome === 'failed') continue;
          row.report.outcome = 'failed';
          delete row.report.entryCode;
          delete row.report.entryId;
          row.report.errors.push(notCommitted(sheets, row));
        }
      }
    }
    return true;
  }

  /** Writes one row in a savepoint of `manager`'s transaction, recording the outcome on the row. */
  private async importRow(
    manager: EntityManager,
    principal: Principal,
    sheets: SheetNames,
    row: PlannedRow,
  ): Promise<void> {
    const draft = row.draft;
    if (!draft || row.report.outcome === 'failed') return;
    try {
      const result = await manager.transaction((savepoint) => this.write(savepoint, principal, draft));
      Object.assign(row.report, result);
    } catch (error) {
      row.report.outcome = 'failed';
      row.report.errors.push(...this.problemsOf(sheets, draft, error));
    }
  }

  private async write(
    manager: EntityManager,
    principal: Principal,
    draft: EntryDraft,
  ): Promise<Pick<ReportRow, 'outcome' | 'entryCode' | 'entryId'>> {
    if (!draft.code) {
      const { entry } = await this.createEntry.execute(manager, principal, { content: draft.content });
      return { outcome: 'created', entryCode: entry.code, entryId: entry.id };
    }
    // A row with a code edits that entry of the caller's organisation; an export re-imported as it
    // is changes nothing (and does not touch published entries).
    const entry = await this.entries.find(manager, this.config.node.code, draft.code);
    if (!entry || entry.organisationId !== principal.organisationId) {
      throw GovdataError.rule(
        'code',
        ExcelImportRule.OwnEntry,
        `信息资源代码 ${draft.code} 不是本单位在本节点的条目；新增条目请清空此列 (not an entry of your organisation)`,
      );
    }
    const content = parseInput(entryContentSchema, draft.content, 'content');
    const head = await this.entries.findVersion(manager, entry.id, entry.headVersion);
    if (head && sameContent(content, head.content)) {
      return { outcome: 'unchanged', entryCode: entry.code, entryId: entry.id };
    }
    const { entry: updated } = await this.updateEntry.execute(manager, principal, entry.id, {
      content: draft.content,
    });
    return { outcome: 'updated', entryCode: updated.code, entryId: updated.id };
  }

  private problemsOf(sheets: SheetNames, draft: EntryDraft, error: unknown): RowProblem[] {
    if (error instanceof GovdataError) {
      if (error.fields.length > 0) return error.fields.map((f) => locateProblem(sheets, draft, f));
      const path = draft.code ? 'code' : '';
      // Editing by code meets the lifecycle: a published entry is revised (修订) before it is edited.
      const hint =
        draft.code && error.code === ErrorCode.Conflict
          ? '（已发布的条目请先在平台上「修订」生成新版本草稿后再导入）'
          : '';
      return [locateProblem(sheets, draft, { path, rule: error.code, message: `${error.message}${hint}` })];
    }
    this.logger.error({ err: error, sheet: sheets.entries, row: draft.row }, 'excel import row failed unexpectedly');
    return [
      locateProblem(sheets, draft, {
        path: '',
        rule: ExcelImportRule.Internal,
        message: '内部错误，已记录，请稍后重试 (an internal error occurred; it has been logged)',
      }),
    ];
  }
}

/**
 * Entry rows with their item rows, checked for what only the workbook can get wrong: blank or
 * repeated 序号, items naming no entry. Rows with problems are failed before any write.
 */
function plan(upload: UploadedWorkbook, sheets: SheetNames): PlannedRow[] {
  const serialHeader = columnSpec(ENTRY_COLUMNS, 'serial').header;
  const itemSerialHeader = columnSpec(ITEM_COLUMNS, 'entrySerial').header;
  const itemsBySerial = new Map<string, SheetRow<ItemColumnKey>[]>();
  const orphans: PlannedRow[] = [];
  for (const itemRow of upload.items.data) {
    const serial = normaliseSerial(itemRow.cells.entrySerial);
    if (serial === undefined) {
      orphans.push(orphan(sheets, itemRow.row, '', ExcelImportRule.Required, `「${itemSerialHeader}」必填 (required)`));
      continue;
    }
    itemsBySerial.set(serial, [...(itemsBySerial.get(serial) ?? []), itemRow]);
  }

  const firstRowOf = new Map<string, number>();
  const planned: PlannedRow[] = upload.entries.data.map((entryRow) => {
    const serial = normaliseSerial(entryRow.cells.serial);
    const report: ReportRow = {
      sheet: sheets.entries,
      row: entryRow.row,
      serial: serial ?? '',
      outcome: 'failed',
      errors: [],
    };
    const problem = (rule: string, message: string): PlannedRow => {
      report.errors.push({
        sheet: sheets.entries,
        row: entryRow.row,
        column: serialHeader,
        field: null,
        rule,
        message,
      });
      return { report };
    };
    if (serial === undefined) return problem(ExcelImportRule.Required, `「${serialHeader}」必填 (required)`);
    const first = firstRowOf.get(serial);
    if (first !== undefined) {
      return problem(
        ExcelImportRule.Unique,
        `序号 ${serial} 与第 ${first} 行重复；信息项归第 ${first} 行 (repeats row ${first})`,
      );
    }
    firstRowOf.set(serial, entryRow.row);
    const draft = entryFromRows(sheets, entryRow, itemsBySerial.get(serial) ?? []);
    const problems = draft.problems.length ? [...draft.problems, ...contentProblems(sheets, draft)] : [];
    report.errors.push(...problems);
    report.outcome = problems.length ? 'failed' : 'not-committed';
    return { report, draft };
  });

  for (const [serial, itemRows] of itemsBySerial) {
    if (firstRowOf.has(serial)) continue;
    for (const itemRow of itemRows) {
      orphans.push(
        orphan(
          sheets,
          itemRow.row,
          serial,
          ExcelImportRule.KnownEntry,
          `资源序号 ${serial} 在「${sheets.entries}」表中不存在 (no entry row has this number)`,
        ),
      );
    }
  }
  return [...planned, ...orphans.sort((a, b) => a.report.row - b.report.row)];
}

function orphan(sheets: SheetNames, row: number, serial: string, rule: string, message: string): PlannedRow {
  const column = columnSpec(ITEM_COLUMNS, 'entrySerial').header;
  return {
    report: {
      sheet: sheets.items,
      row,
      serial,
      outcome: 'failed',
      errors: [{ sheet: sheets.items, row, column, field: null, rule, message }],
    },
  };
}

function notCommitted(sheets: SheetNames, row: PlannedRow): RowProblem {
  return {
    sheet: sheets.entries,
    row: row.report.row,
    column: null,
    field: null,
    rule: ExcelImportRule.NotCommitted,
    message: '数据库未能提交本批次，本行未导入，请重新导入 (the batch could not be committed)',
  };
}

function cancelled(sheets: SheetNames, row: PlannedRow): RowProblem {
  return {
    sheet: sheets.entries,
    row: row.report.row,
    column: null,
    field: null,
    rule: ExcelImportRule.Cancelled,
    message: '导入请求已断开，本行未导入 (the caller disconnected before this row was imported)',
  };
}

function counts(rows: PlannedRow[]): ImportCounts {
  const n = (outcome: RowOutcome) => rows.filter((r) => r.report.outcome === outcome).length;
  return { created: n('created'), updated: n('updated'), unchanged: n('unchanged'), failed: n('failed') };
}

function summary(r: ImportReport): string {
  const done = `新增 ${r.created} 条，修改 ${r.updated} 条，未变 ${r.unchanged} 条`;
  if (r.dryRun) {
    return r.failed
      ? `检查完成（未导入）：${r.failed} 行有错 (dry run: ${r.failed} rows in error, nothing written)`
      : `检查完成（未导入）：全部 ${r.total} 行可以导入 (dry run: every row would import, nothing written)`;
  }
  if (r.mode === 'all-or-nothing') {
    return r.committed
      ? `全部导入成功：${done} (all ${r.total} rows imported)`
      : `${r.failed} 行有错，整个文件未导入，请改正后重新导入 (${r.failed} rows in error; nothing was imported)`;
  }
  return `逐行导入完成：${done}，${r.failed} 行有错未导入 (${r.created + r.updated + r.unchanged} rows imported, ${r.failed} failed)`;
}
