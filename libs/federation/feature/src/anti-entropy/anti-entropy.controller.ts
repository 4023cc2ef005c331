import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { buildDigestTree } from '@govdata/federation-merkle';
import { cryptoProfile } from '@govdata/platform-crypto';
import { RequirePermission } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DownwardRepository } from '../downward/downward.repository.js';
import { ParentLink } from '../links/parent-link.js';
import { CompareWithParentUseCase } from './compare-with-parent.usecase.js';
import { AntiEntropyRepository, type SetVerification } from './anti-entropy.repository.js';
import { RegistryRepository } from '../registry/registry.repository.js';
import { ReplicationRepository } from '../replication/replication.repository.js';

const codeParam = z.string().regex(/^(\d{6}|[0-9A-HJ-NPQRTUWXY]{18})$/, '节点代码 (a node code)');

/** 反熵校验 and 下行: what operators see of both ends of the links. */
@ApiTags('federation anti-entropy 反熵校验')
@Controller('api/v1/federation')
export class AntiEntropyController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AntiEntropyRepository,
    private readonly replication: ReplicationRepository,
    private readonly registry: RegistryRepository,
    private readonly compareWithParent: CompareWithParentUseCase,
    private readonly downward: DownwardRepository,
    private readonly parentLink: ParentLink,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Get('children/:code/anti-entropy')
  @RequirePermission('federation.anti-entropy.read')
  @ApiOperation({ summary: '下级节点反熵校验 (per set: last verified root, when, divergence; recent runs)' })
  async child(@Param('code') code: string) {
    const child = parseInput(codeParam, code, 'code');
    const m = this.dataSource.manager;
    const sets = await this.repository.verifications(m, child);
    const runs = await this.repository.runs(m, child, 20);
    if (sets.length === 0 && runs.length === 0) {
      if (!(await this.registry.child(m, child))) throw GovdataError.notFound('child node', child);
    }
    return {
      child,
      sets: sets.map(setView),
      runs: runs.map((r) => ({ ...r, finishedAt: r.finishedAt.toISOString() })),
    };
  }

  @Get('anti-entropy')
  @RequirePermission('federation.anti-entropy.read')
  @ApiOperation({
    summary:
      '本节点的 Merkle 根 (what it sent up and what it holds, per origin) and the last comparison with its parent',
  })
  async own() {
    const m = this.dataSource.manager;
    // In this node's profile's hash, as it compares with its parent (a parent answers in the child's).
    const hash = cryptoProfile(this.config.crypto?.profile).hash.name;
    const sent = [];
    for (const origin of await this.replication.sentOrigins(m)) {
      sent.push({ origin, ...buildDigestTree(await this.replication.sentRecords(m, origin), { hash }).root });
    }
    const held = [];
    for (const origin of await this.replication.heldOrigins(m)) {
      held.push({ origin, ...buildDigestTree(await this.replication.heldRecords(m, origin), { hash }).root });
    }
    return {
      node: this.config.node.code,
      parent: this.config.node.parent?.code ?? null,
      link: this.parentLink.state,
      antiEntropySeconds: this.config.federation.antiEntropySeconds,
      lastComparison: this.parentLink.lastAntiEntropy,
      lastError: this.parentLink.lastAntiEntropyError,
      roots: { sent, held },
    };
  }

  @Post('anti-entropy/run')
  @RequirePermission('federation.anti-entropy.run')
  @HttpCode(200)
  @ApiOperation({ summary: '立即与上级节点做反熵校验 (compare with the parent now; 409 when the link is not up)' })
  async run() {
    return this.compareWithParent.execute();
  }

  @Get('standards')
  @RequirePermission('federation.standards.read')
  @ApiOperation({ summary: '上级下发的标准与指令 (inherited standards with provenance; the downward cursor)' })
  async standards() {
    const m = this.dataSource.manager;
    const parent = this.config.node.parent?.code ?? null;
    const rows = await this.downward.inherited(m);
    return {
      parent,
      appliedSeq: parent ? await this.downward.cursor(m, parent) : null,
      items: rows.map((r) => ({
        origin: r.origin,
        kind: r.kind,
        key: r.key,
        version: r.version,
        action: r.action,
        path: r.path,
        issuedAt: r.eventTime.toISOString(),
        receivedAt: r.receivedAt.toISOString(),
      })),
    };
  }
}

export function setView(v: SetVerification) {
  return {
    origin: v.origin,
    inSync: v.inSync,
    parentRoot: { digest: v.parentDigest, count: v.parentCount },
    childRoot: { digest: v.childDigest, count: v.childCount },
    comparedAt: v.comparedAt.toISOString(),
    verifiedAt: v.verifiedAt?.toISOString() ?? null,
    divergence: v.divergence,
  };
}
