import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ENTRY_STATUSES } from './entry-lifecycle.js';
import { EntryLifecycleService, type TransitionAction, type WriteResult } from './entry-lifecycle.service.js';
import { EntryReadService } from './entry-read.service.js';

const TRANSITIONS = ['submit', 'withdraw', 'return', 'approve', 'publish', 'revise', 'retire'] as const;

const listQuery = z
  .object({
    organisationId: z.uuid().optional(),
    status: z.enum(ENTRY_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

const versionQuery = z
  .object({ version: z.union([z.enum(['head', 'published']), z.coerce.number().int().min(1)]).optional() })
  .strict();

const diffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }).strict();

/**
 * 目錄編目與審核 — catalog entries over REST: an editor creates and edits its organisation's entries,
 * the node's reviewers return or approve them, and every signed-in user reads what it may see.
 */
@Controller('api/v1/catalog/entries')
export class EntriesController {
  constructor(
    private readonly lifecycle: EntryLifecycleService,
    private readonly reads: EntryReadService,
    private readonly dataSource: DataSource,
  ) {}

  /** 新增目錄 — creates a draft with its 信息資源代碼. */
  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<WriteResult['entry'] & { warnings: WriteResult['warnings'] }> {
    const result = await this.dataSource.transaction((m) => this.lifecycle.create(m, principal, body));
    return { ...result.entry, warnings: result.warnings };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const q = parseInput(listQuery, query);
    const items = await this.reads.list(this.dataSource.manager, principal, {
      organisationId: q.organisationId,
      status: q.status,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit + 1,
    });
    const page = items.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: items.length > q.limit && last ? encodeCursor(last.updatedAt, last.id) : null,
    };
  }

  @Get(':idOrCode')
  async get(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string, @Query() query: unknown) {
    const q = parseInput(versionQuery, query);
    return this.reads.get(this.dataSource.manager, principal, idOrCode, q.version);
  }

  /** 修改 — replaces the content of a draft or returned version. */
  @Put(':idOrCode')
  async update(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    const result = await this.dataSource.transaction((m) => this.lifecycle.update(m, principal, idOrCode, body));
    return { ...result.entry, warnings: result.warnings };
  }

  @Get(':idOrCode/versions')
  async versions(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string) {
    return { items: await this.reads.versions(this.dataSource.manager, principal, idOrCode) };
  }

  /** Field-level differences between two versions. */
  @Get(':idOrCode/diff')
  async diff(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string, @Query() query: unknown) {
    const q = parseInput(diffQuery, query);
    return this.reads.diff(this.dataSource.manager, principal, idOrCode, q.from, q.to);
  }

  /** Every transition: who, when, from which state to which, and why. */
  @Get(':idOrCode/history')
  async history(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string) {
    return { items: await this.reads.history(this.dataSource.manager, principal, idOrCode) };
  }

  /** 提交 / 撤回 / 退回 / 審核通過 / 發布 / 新版本 / 下線. */
  @Post(':idOrCode/:action')
  @HttpCode(200)
  async transition(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ) {
    if (!(TRANSITIONS as readonly string[]).includes(action)) {
      throw GovdataError.notFound('entry action', `${action} (one of ${TRANSITIONS.join(', ')})`);
    }
    const result = await this.dataSource.transaction((m) =>
      this.lifecycle.transition(m, principal, idOrCode, action as TransitionAction, body),
    );
    return { ...result.entry, warnings: result.warnings };
  }
}

function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: string; id: string } {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (Number.isNaN(Date.parse(updatedAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('shape');
    return { updatedAt, id };
  } catch {
    throw GovdataError.validation([{ path: 'cursor', rule: 'cursor', message: 'not a cursor this API returned' }]);
  }
}
