import {
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError, PROBLEM_CONTENT_TYPE, toProblemDetails, ErrorCode } from '@govdata/platform-errors';
import { attachmentDisposition, LOGGER, NODE_CONFIG, parseInput, unsafeStrings } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ENTRY_LABELS, keyForLabel } from '../entries/entry-labels.js';
import { ENTRY_STATUSES } from '../entries/entry-lifecycle.js';
import { MAX_UPLOAD_BYTES } from './excel-columns.js';
import { ExcelExportService } from './excel-export.service.js';
import { IMPORT_MODES, writeImportReportWorkbook, type ImportReport } from './excel-import-report.js';
import { ExcelImportService } from './excel-import.service.js';
import { XLSX_CONTENT_TYPE } from './excel-workbook-writer.js';
import { ExcelRepository } from './excel.repository.js';
import { ExcelUploadProblem } from './excel.exception.js';

const importQuery = z
  .object({
    mode: z.enum(IMPORT_MODES, {
      error: 'choose how to import: mode=all-or-nothing (全部成功才导入) or mode=per-row (逐行导入)',
    }),
    /** The report as JSON (default) or as the uploaded workbook annotated. */
    report: z.enum(['json', 'xlsx']).default('json'),
    dryRun: z.enum(['true', 'false']).default('false'),
  })
  .strict();

/** 状态 by key (`published`) or label (`已发布`). */
const statusParam = z
  .string()
  .transform((text, ctx) => {
    const status = keyForLabel(ENTRY_LABELS.status, text);
    if (!status) {
      ctx.addIssue({
        code: 'custom',
        message: `取值须为 ${ENTRY_STATUSES.join(', ')} 之一（或其中文名称） (one of ${ENTRY_STATUSES.join(', ')} (or its Chinese label))`,
      });
      return z.NEVER;
    }
    return status;
  })
  .optional();

const exportQuery = z
  .object({
    format: z.enum(['xlsx', 'csv']).default('xlsx'),
    /** CSV only: the 信息资源目录 sheet (default) or the 信息项 sheet. */
    sheet: z.enum(['entries', 'items']).default('entries'),
    status: statusParam,
    organisationId: z.uuid().optional(),
  })
  .strict();

/** Well under the gateway's 60 s proxy timeout. */
const KEEP_ALIVE_MS = 20_000;

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

/** What multer hands over for the multipart field `file`. */
interface UploadedPart {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/**
 * Excel 导入导出 — the template staff fill in, the import of a filled workbook with a per-row and
 * per-column report, and the export of the catalog in the same columns.
 */
@ApiTags('catalog Excel 导入导出')
@Controller('api/v1/catalog/excel')
export class ExcelController {
  constructor(
    private readonly imports: ExcelImportService,
    private readonly exports: ExcelExportService,
    private readonly repository: ExcelRepository,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** 下载导入模板 — any signed-in user. */
  @Get('template')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({ summary: '下载导入模板 (the .xlsx template: 填写说明, drop-downs, 分类代码表)' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  async template(@Res() res: Response): Promise<void> {
    const classifications = await this.exports.classifications();
    sendFile(res, XLSX_CONTENT_TYPE, '政务数据目录导入模板.xlsx', 'catalog-import-template.xlsx');
    await this.stream(res, () => this.exports.writeTemplate(res, classifications));
  }

  /**
   * 批量导入 — the workbook as the body (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`)
   * or as the multipart field `file`. The mode must be chosen; the answer is the report (JSON, or
   * the workbook annotated with `report=xlsx`): 200 all imported, 207 per-row with failed rows,
   * 422 all-or-nothing (or a dry run) with failed rows and nothing written.
   */
  @Post('import')
  @RequirePermission('catalog.excel.import')
  @ApiOperation({
    summary: '批量导入 (import entries from a filled template as drafts of the caller’s organisation)',
    description:
      'mode is required. 200: every row imported (or a clean dry run); 207: per-row with failed rows; 422: ' +
      'all-or-nothing (or dry run) with failed rows, nothing written. 400: the file itself (not .xlsx, damaged, ' +
      'empty, a required column missing, more than 20,000 rows). Long imports send 102 Processing interim responses.',
  })
  @ApiConsumes(XLSX_CONTENT_TYPE, 'multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
    description: 'the .xlsx as the body, or as the multipart field "file"',
  })
  @ApiQuery({ name: 'mode', enum: IMPORT_MODES, description: 'all-or-nothing 全部成功才导入 | per-row 逐行导入' })
  @ApiQuery({ name: 'report', enum: ['json', 'xlsx'], required: false, description: 'xlsx: the workbook annotated' })
  @ApiQuery({
    name: 'dryRun',
    enum: ['true', 'false'],
    required: false,
    description: 'check every rule, write nothing',
  })
  @ApiResponse({ status: 200, description: 'the import report' })
  @ApiResponse({ status: 207, description: 'per-row: some rows failed; the report lists them' })
  @ApiResponse({ status: 422, description: 'all-or-nothing: rows failed, nothing imported; the report lists them' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } }))
  async import(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Req() req: Request,
    @Res() res: Response,
    @UploadedFile() part: UploadedPart | undefined,
  ): Promise<void> {
    const q = parseInput(importQuery, query);
    const file = part?.buffer ?? (await readBody(req));
    const fileName = part ? Buffer.from(part.originalname, 'latin1').toString('utf8') : null;
    // Multipart part headers pass the edge's checks; the name is stored with the upload.
    const nameProblems = fileName === null ? [] : unsafeStrings(fileName, 'file.filename');
    if (nameProblems.length > 0) throw GovdataError.validation(nameProblems);
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    // A large import takes minutes; an interim 102 now and then keeps the gateway's proxy (and any
    // other idle timeout on the way) from cutting a request that is still working.
    const keepAlive = setInterval(() => {
      if (!res.headersSent && !gone.signal.aborted) res.writeProcessing();
    }, KEEP_ALIVE_MS);
    let outcome: Awaited<ReturnType<ExcelImportService['import']>>;
    try {
      outcome = await this.imports.import(principal, file, {
        mode: q.mode,
        dryRun: q.dryRun === 'true',
        fileName,
        signal: gone.signal,
      });
    } finally {
      clearInterval(keepAlive);
    }
    const { report, upload } = outcome;
    const status = statusOf(report);
    res.setHeader('x-import-id', report.importId);
    res.setHeader('x-import-committed', String(report.committed));
    res.setHeader('x-import-created', String(report.created));
    res.setHeader('x-import-failed', String(report.failed));
    if (q.report === 'xlsx') {
      const classifications = await this.exports.classifications();
      res.status(status);
      sendFile(res, XLSX_CONTENT_TYPE, `导入报告_${baseName(fileName) ?? '目录'}.xlsx`, 'catalog-import-report.xlsx');
      await this.stream(res, () => writeImportReportWorkbook(res, upload, report, classifications));
      return;
    }
    if (status === 422) {
      // A problem document (so clients see an error) that carries the whole report.
      const problem = toProblemDetails(
        new GovdataError(ErrorCode.RuleViolated, report.message, [], { ...report }),
        req.originalUrl,
      );
      res.status(422).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
      return;
    }
    res.status(status).json(report);
  }

  /** 导出 — the entries the caller may see, as xlsx (template columns, re-importable) or CSV. */
  @Get('export')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({ summary: '导出 (the entries the caller may see, in the template’s columns; xlsx or CSV)' })
  @ApiProduces(XLSX_CONTENT_TYPE, 'text/csv')
  @ApiQuery({ name: 'format', enum: ['xlsx', 'csv'], required: false })
  @ApiQuery({ name: 'sheet', enum: ['entries', 'items'], required: false, description: 'CSV only' })
  @ApiQuery({ name: 'status', required: false, description: 'draft … retired, or its Chinese label' })
  @ApiQuery({ name: 'organisationId', required: false })
  async export(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @Res() res: Response): Promise<void> {
    const q = parseInput(exportQuery, query);
    const filter = { status: q.status, organisationId: q.organisationId };
    const classifications = await this.exports.classifications();
    const stamp = new Date().toISOString().slice(0, 10);
    if (q.format === 'csv') {
      const which = q.sheet === 'items' ? '信息项' : '信息资源目录';
      sendFile(
        res,
        'text/csv; charset=utf-8',
        `${which}_${this.config.node.code}_${stamp}.csv`,
        `catalog-${q.sheet}.csv`,
      );
      await this.stream(res, () => this.exports.writeCsv(res, principal, filter, q.sheet, classifications));
      return;
    }
    sendFile(res, XLSX_CONTENT_TYPE, `政务数据目录_${this.config.node.code}_${stamp}.xlsx`, 'catalog-export.xlsx');
    await this.stream(res, () => this.exports.writeXlsx(res, principal, filter, classifications));
  }

  /** The organisation's recent imports (an answer lost to a timeout can be found here). */
  @Get('imports')
  @RequirePermission('catalog.excel.import')
  @ApiOperation({ summary: '导入记录 (the organisation’s recent imports)' })
  async listImports(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const q = parseInput(listQuery, query);
    return {
      items: await this.repository.listImports(
        this.dataSource.manager,
        this.config.node.code,
        principal.organisationId,
        q.limit,
      ),
    };
  }

  @Get('imports/:id')
  @RequirePermission('catalog.excel.import')
  @ApiOperation({ summary: '导入报告 (one import with its row report)' })
  async getImport(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    const found = await this.repository.findImport(
      this.dataSource.manager,
      this.config.node.code,
      principal.organisationId,
      id,
    );
    if (!found) throw GovdataError.notFound('import', id);
    return found;
  }

  /**
   * Streams a file whose headers are sent: a failure half-way can no longer become an error
   * response, so the connection is cut and the client sees an incomplete download, never a
   * truncated file that looks whole.
   */
  private async stream(res: Response, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.error({ err: error }, 'excel download failed while streaming');
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function statusOf(report: ImportReport): number {
  if (report.failed === 0) return 200;
  return report.mode === 'per-row' && !report.dryRun ? 207 : 422;
}

/** Sets the download headers; the file name in Chinese per RFC 6266 / RFC 5987, with an ASCII fallback. */
function sendFile(res: Response, type: string, fileName: string, fallback: string): void {
  res.setHeader('content-type', type);
  res.setHeader('content-disposition', attachmentDisposition(fileName, fallback));
  res.setHeader('cache-control', 'no-store');
}

function baseName(fileName: string | null): string | undefined {
  return fileName?.replace(/\.xlsx$/i, '') || undefined;
}

/** The raw request body, refused past the upload limit or when a body parser has already taken it. */
async function readBody(req: Request): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (req.readableEnded || /json|x-www-form-urlencoded|multipart/i.test(type)) {
    throw GovdataError.validation([
      {
        path: 'file',
        rule: ExcelUploadProblem.Required,
        message: `请将 .xlsx 文件作为请求体（content-type ${XLSX_CONTENT_TYPE}）或作为 multipart 字段 "file" 上传 (send the .xlsx file as the request body (content-type ${XLSX_CONTENT_TYPE}) or as the multipart field "file")`,
      },
    ]);
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): GovdataError {
  return GovdataError.validation([
    {
      path: 'file',
      rule: ExcelUploadProblem.MaxSize,
      message: `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请分成多个文件导入 (the file is larger than ${MAX_UPLOAD_BYTES} bytes)`,
    },
  ]);
}
