import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { assertNodeAuthority } from '../systems/organisation-access.js';
import type { ConflictStatus, SourceConflict } from './source-conflict.js';
import type { ResolveConflictInput } from './source-conflict.dto.js';
import { SourceConflictRepository, type ConflictCursor } from './source-conflict.repository.js';

export interface ConflictPage {
  items: SourceConflict[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/**
 * 一数一源 for the node authority (catalog reviewers and data administrators): the flags raised when
 * two providers register the same data, and the decisions — which entry is the authoritative
 * source (the other points to it), or that they are not the same data.
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

  /** Designates the authoritative source of the pair; the other entry (and whatever pointed to it) points to it. */
  async resolve(principal: Principal, id: string, input: ResolveConflictInput): Promise<SourceConflict> {
    assertNodeAuthority(principal, this.nodeCode, 'designate authoritative sources');
    return this.dataSource.transaction(async (manager) => {
      const conflict = await this.openConflict(manager, id);
      const pair = [conflict.entry, conflict.other];
      const authority = pair.find((e) => e.id === input.authoritativeEntryId);
      const subordinate = pair.find((e) => e.id !== input.authoritativeEntryId)!;
      if (!authority) {
        throw GovdataError.rule(
          'authoritativeEntryId',
          'one-of-pair',
          `designate one of the flagged entries: ${conflict.entry.id} (${conflict.entry.name}) or ${conflict.other.id} (${conflict.other.name})`,
        );
      }
      if (authority.status === 'retired') {
        throw GovdataError.rule(
          'authoritativeEntryId',
          'not-retired',
          `entry ${authority.code} is retired; it cannot be the authoritative source`,
        );
      }
      // Locked in a fixed order so that two resolutions touching the same entries queue, not deadlock.
      const pointers = new Map<string, string | null | undefined>();
      for (const entryId of [authority.id, subordinate.id].sort()) {
        pointers.set(entryId, await this.conflicts.authorityOf(manager, this.nodeCode, entryId));
      }
      const authorityPointsTo = pointers.get(authority.id);
      if (authorityPointsTo && authorityPointsTo !== subordinate.id) {
        throw GovdataError.rule(
          'authoritativeEntryId',
          'authority-is-subordinate',
          `entry ${authority.code} already points to its authoritative source ${authorityPointsTo}; designate that entry instead`,
        );
      }
      await this.conflicts.designate(manager, this.nodeCode, authority.id, subordinate.id);
      await this.conflicts.decide(manager, id, {
        status: 'resolved',
        authoritativeEntryId: authority.id,
        note: input.note || null,
        actor: principal.subject,
        actorName: principal.name ?? null,
      });
      return (await this.conflicts.findById(manager, this.nodeCode, id))!;
    });
  }

  /** Not the same data after all: closed with the reason; the pair is not flagged again. */
  async dismiss(principal: Principal, id: string, reason: string): Promise<SourceConflict> {
    assertNodeAuthority(principal, this.nodeCode, 'dismiss 一数一源 (one data, one source) flags');
    return this.dataSource.transaction(async (manager) => {
      await this.openConflict(manager, id);
      await this.conflicts.decide(manager, id, {
        status: 'dismissed',
        authoritativeEntryId: null,
        note: reason,
        actor: principal.subject,
        actorName: principal.name ?? null,
      });
      return (await this.conflicts.findById(manager, this.nodeCode, id))!;
    });
  }

  private async openConflict(manager: EntityManager, id: string): Promise<SourceConflict> {
    const conflict = await this.conflicts.findById(manager, this.nodeCode, id, { forUpdate: true });
    if (!conflict) throw GovdataError.notFound('source conflict', id);
    if (conflict.status !== 'open') {
      throw GovdataError.conflict(`the flag is ${conflict.status} already (${conflict.decision?.decidedAt ?? ''})`);
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
  throw GovdataError.validation([{ path: 'cursor', rule: 'cursor', message: 'not a cursor this list handed out' }]);
}
