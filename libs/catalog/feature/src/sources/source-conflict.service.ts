import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { assertNodeAuthority } from '../systems/organisation-access.js';
import type { ConflictStatus, SourceConflict } from './source-conflict.js';
import { SourceConflictRepository, type ConflictCursor } from './source-conflict.repository.js';
import { SourceInputRule } from './source.exception.js';

export interface ConflictPage {
  items: SourceConflict[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/**
 * 一数一源 for the node authority (catalog reviewers and data administrators): the flags raised when
 * two providers register the same data. The decisions are `ResolveSourceConflictUseCase` (which
 * entry is the authoritative source) and `DismissSourceConflictUseCase` (not the same data).
 */
@Injectable()
export class SourceConflictService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly conflicts: SourceConflictRepository,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  async list(
    principal: Principal,
    query: { status?: ConflictStatus; entryId?: string; limit: number; cursor?: string },
  ): Promise<ConflictPage> {
    assertNodeAuthority(principal, this.nodeCode, 'review 一数一源 (one data, one source) flags');
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const page = await this.conflicts.list(this.dataSource.manager, this.nodeCode, query, query.limit, after);
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  async get(principal: Principal, id: string): Promise<SourceConflict> {
    assertNodeAuthority(principal, this.nodeCode, 'review 一数一源 (one data, one source) flags');
    const conflict = await this.conflicts.findById(this.dataSource.manager, this.nodeCode, id);
    if (!conflict) throw GovdataError.notFound('source conflict', id);
    return conflict;
  }

  /** The flag, locked for a decision; 404 when missing, 409 when already decided. */
  async openConflict(manager: EntityManager, id: string): Promise<SourceConflict> {
    const conflict = await this.conflicts.findById(manager, this.nodeCode, id, { forUpdate: true });
    if (!conflict) throw GovdataError.notFound('source conflict', id);
    if (conflict.status !== 'open') {
      throw GovdataError.conflict(
        `该标记已处于 ${conflict.status} 状态 (the flag is ${conflict.status} already (${conflict.decision?.decidedAt ?? ''}))`,
      );
    }
    return conflict;
  }
}

function encodeCursor(cursor: ConflictCursor): string {
  return Buffer.from(JSON.stringify([cursor.detectedAt, cursor.id]), 'utf8').toString('base64url');
}

function decodeCursor(text: string): ConflictCursor {
  try {
    const [detectedAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof detectedAt === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id))
      return { detectedAt, id };
  } catch {
    // falls through to the 400 below
  }
  throw GovdataError.validation([
    {
      path: 'cursor',
      rule: SourceInputRule.Cursor,
      message: '不是本列表返回的游标 (not a cursor this list handed out)',
    },
  ]);
}
