import { Inject, Injectable } from '@nestjs/common';
import type { NodeLevel } from '@govdata/codes';
import { can, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { DeadlineClockService } from '../clocks/deadline-clock.service.js';
import type { EntryContent } from '../entries/entry-content.js';
import { nodeLevelOf, resolveScope, type LedgerScope } from './ledger-scope.js';
import { ReplicaEntryRepository } from './replica-entry.repository.js';

/** A replica with its provenance, as `GET /replicas/:origin/:idOrCode` returns it. */
export interface ReplicaView {
  id: string;
  code: string;
  name: string;
  status: 'published' | 'retired';
  provider: { organisationId: string; name: string; code: string };
  version: number;
  publishDate: string | null;
  content: EntryContent;
  origin: { nodeCode: string; level: NodeLevel | null; path: string[]; receivedAt: string; version: number };
}

/** One node's line in the statistics: its entries by status and, for this node, its overdue clocks. */
export interface NodeStatistics {
  nodeCode: string;
  level: NodeLevel | null;
  /** This node's own entries (all statuses) rather than replicas (published / retired). */
  own: boolean;
  entries: Record<string, number>;
  total: number;
  /** 逾期 — own entries only: open clocks past due, and those whose due date is unknown. */
  overdue?: { overdue: number; dueUnknown: number };
}

export interface LedgerStatistics {
  scope: 'node' | 'subtree';
  nodes: NodeStatistics[];
  totals: { entries: number; nodes: number };
}

/** 一本账 reads: a replica with provenance, and per-node statistics. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly replicas: ReplicaEntryRepository,
    private readonly clocks: DeadlineClockService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /**
   * A replica any signed-in user may read, except restricted ones (不予共享, 核心数据): their provider
   * and node authority are at the origin, so here they answer 404 like a replica that is not held.
   */
  async replica(manager: EntityManager, origin: string, idOrCode: string): Promise<ReplicaView> {
    const r = await this.replicas.find(manager, origin, idOrCode);
    if (!r || r.restricted) throw GovdataError.notFound(`replica of node ${origin}`, idOrCode);
    return {
      id: r.entryId,
      code: r.code,
      name: r.content.name,
      status: r.retired ? 'retired' : 'published',
      provider: { organisationId: r.organisationId, name: r.providerName, code: r.providerCode },
      version: r.entryVersion,
      publishDate: r.publishDate,
      content: r.content,
      origin: {
        nodeCode: r.originNode,
        level: nodeLevelOf(r.originNode),
        path: r.path,
        receivedAt: r.receivedAt,
        version: r.version,
      },
    };
  }

  /** Entries by status per origin node; the node's reviewers, data admins and auditors. */
  async statistics(manager: EntityManager, principal: Principal, requested?: LedgerScope): Promise<LedgerStatistics> {
    const nodeCode = this.config.node.code;
    const mayRead = can(principal, 'catalog.statistics.read', { nodeCode });
    if (!mayRead) {
      throw GovdataError.forbidden(
        `节点 ${nodeCode} 的统计仅供其目录审核员、数据管理员和审计员查看 (the statistics of node ${nodeCode} are read by its catalog reviewers, data-admins and auditors)`,
      );
    }
    const scope = resolveScope(requested, this.config.node.level);
    const counts = await this.replicas.statusCounts(manager, scope);
    const overdue = await this.clocks.overdue(manager, principal, nodeCode);
    const nodes = new Map<string, NodeStatistics>();
    const line = (code: string, own: boolean) => {
      let n = nodes.get(code);
      if (!n) {
        n = { nodeCode: code, level: nodeLevelOf(code), own, entries: {}, total: 0 };
        nodes.set(code, n);
      }
      return n;
    };
    line(nodeCode, true).overdue = { overdue: overdue.totals.overdue, dueUnknown: overdue.totals.dueUnknown };
    for (const c of counts) {
      const n = line(c.nodeCode, !c.replica);
      n.entries[c.status] = (n.entries[c.status] ?? 0) + c.count;
      n.total += c.count;
    }
    const list = [...nodes.values()].sort(
      (a, b) => Number(b.own) - Number(a.own) || a.nodeCode.localeCompare(b.nodeCode),
    );
    return {
      scope,
      nodes: list,
      totals: { entries: list.reduce((s, n) => s + n.total, 0), nodes: list.length },
    };
  }
}
