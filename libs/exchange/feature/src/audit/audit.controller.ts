import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, RequirePermission } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { ApiProblems, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { assertOnNode, isNodeOverseer, readableOrganisation } from '../exchange-access.js';
import { CallRecordRepository } from '../metering/call-record.repository.js';
import { AuditLog } from './audit-log.service.js';
import { AuditRule } from './audit.exception.js';

const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const inclusionQuery = z.object({ callId: z.uuid(), treeSize: size.optional() }).strict();
const consistencyQuery = z
  .object({ from: size.min(1), to: size })
  .strict()
  .refine((q) => q.from <= q.to, {
    message: 'from 不能晚于 to (from is at most to)',
    path: ['from'],
    params: { rule: 'range' },
  });
const recordsQuery = z
  .object({
    side: z.enum(['consumer', 'provider']),
    organisationId: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** Records after this ledger index (paging). */
    after: z.coerce.number().int().min(-1).default(-1),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** The tree size to prove against; defaults to the latest signed checkpoint. */
    treeSize: size.optional(),
  })
  .strict();

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * 审计账本 — `/api/v1/exchange/audit`: the signed checkpoints of the exchange's RFC 6962 log, an
 * inclusion proof of any call a party took part in, consistency proofs between sizes, and each
 * organisation's own records with their proofs, so provider and consumer can verify them.
 * Hashes and proofs are base64; every answer states the log's `hashAlgorithm` (SHA-256, or SM3 on a
 * node of the 国密 profile) that the proofs verify with.
 */
@ApiTags('exchange audit ledger 审计账本')
@Controller('api/v1/exchange/audit')
export class AuditController {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly calls: CallRecordRepository,
  ) {}

  @ApiOperation({ summary: '最新检查点 (the latest signed checkpoint and the key that verifies it)' })
  @Get('checkpoint')
  @RequirePermission('exchange.audit.read')
  async checkpoint(@CurrentPrincipal() principal: Principal) {
    assertOnNode(principal, this.config.node.code);
    const checkpoint = await this.audit.checkpoint();
    const signer = await this.audit.noteSigner();
    return {
      origin: this.audit.ledger.origin,
      treeSize: checkpoint.treeSize,
      rootHash: b64(checkpoint.rootHash),
      hashAlgorithm: checkpoint.hashAlgorithm,
      note: checkpoint.note,
      signedAt: checkpoint.signedAt.toISOString(),
      verifierKey: signer.verifierKey(),
    };
  }

  @ApiOperation({ summary: '包含证明 (inclusion proof of a call, for its consumer or provider)' })
  @ApiProblems(AuditRule.CoversCall)
  @Get('inclusion')
  @RequirePermission('exchange.audit.read')
  async inclusion(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const { callId, treeSize } = parseInput(inclusionQuery, query);
    assertOnNode(principal, this.config.node.code);
    const manager = this.dataSource.manager;
    const call = await this.calls.findCall(manager, callId);
    const party =
      call &&
      (isNodeOverseer(principal, this.config.node.code) ||
        [call.consumerOrganisationId, call.providerOrganisationId].includes(principal.organisationId));
    if (!call || !party) throw GovdataError.notFound('logged call', callId);
    const size = treeSize ?? (await this.audit.checkpoint()).treeSize;
    if (call.leafIndex >= size) {
      throw GovdataError.rule(
        'treeSize',
        AuditRule.CoversCall,
        `该调用为第 ${call.leafIndex} 条记录，规模为 ${size} 的树中不包含该记录 (the call is entry ${call.leafIndex}; a tree of ${size} does not hold it)`,
      );
    }
    const [proof, entry] = await Promise.all([
      this.audit.ledger.inclusionProof(manager, call.leafIndex, size),
      this.audit.ledger.entry(manager, call.leafIndex),
    ]);
    return {
      callId,
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      hashAlgorithm: proof.hashAlgorithm,
      leafHash: b64(proof.leafHash),
      proof: proof.proof.map(b64),
      record: entry.record,
    };
  }

  @ApiOperation({ summary: '一致性证明 (consistency proof between two tree sizes)' })
  @Get('consistency')
  @RequirePermission('exchange.audit.read')
  async consistency(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const { from, to } = parseInput(consistencyQuery, query);
    assertOnNode(principal, this.config.node.code);
    const manager = this.dataSource.manager;
    const [proof, head] = await Promise.all([
      this.audit.ledger.consistencyProof(manager, from, to),
      this.audit.ledger.head(manager),
    ]);
    return { from, to, hashAlgorithm: head.hashAlgorithm, proof: proof.map(b64) };
  }

  @ApiOperation({
    summary: '本方记录 (the organisation’s own calls as consumer or provider, each with its inclusion proof)',
  })
  @Get('records')
  @RequirePermission('exchange.audit.read')
  async records(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const input = parseInput(recordsQuery, query);
    const organisationId =
      readableOrganisation(principal, this.config.node.code, input.organisationId, 'audit records') ??
      principal.organisationId;
    const manager = this.dataSource.manager;
    const treeSize = input.treeSize ?? (await this.audit.checkpoint()).treeSize;
    const indices = (
      await this.calls.ledgerIndicesOf(manager, input.side, organisationId, {
        from: input.from ? new Date(input.from) : new Date(0),
        to: input.to ? new Date(input.to) : new Date(8.64e15),
        afterIndex: input.after,
        limit: input.limit,
      })
    ).filter((index) => index < treeSize);
    const items = await Promise.all(
      indices.map(async (leafIndex) => {
        const [entry, proof] = await Promise.all([
          this.audit.ledger.entry(manager, leafIndex),
          this.audit.ledger.inclusionProof(manager, leafIndex, treeSize),
        ]);
        return { leafIndex, record: entry.record, leafHash: b64(proof.leafHash), proof: proof.proof.map(b64) };
      }),
    );
    const { hashAlgorithm } = await this.audit.ledger.head(manager);
    return { treeSize, hashAlgorithm, items };
  }
}
