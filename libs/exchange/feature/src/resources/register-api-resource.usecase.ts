import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError, ErrorCode, type FieldProblem } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { OutboundPolicy, OutboundRefusedError } from '@govdata/platform-outbound';
import { CredentialVault, NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { CallPlans } from '../calls/call-plans.js';
import { EntryRefRepository } from '../entries/entry-ref.repository.js';
import { assertDataAdminOf } from '../exchange-access.js';
import { credentialContext, toApiResourceView, type ApiResourceView, type CredentialMeta } from './api-resource.js';
import type { RegisterApiResourceInput, UpstreamCredentials } from './api-resource.dto.js';
import { ApiResourceRepository } from './api-resource.repository.js';
import { resolveOperations } from './openapi-operations.js';
import { ResourceRule } from './resource.exception.js';

/** Every rule registering a resource can answer a 422 with. */
export const REGISTER_API_RESOURCE_RULES: readonly ResourceRule[] = [
  ResourceRule.EntryExists,
  ResourceRule.EntryNotRetired,
  ResourceRule.EntryItem,
  ResourceRule.OutboundNotAllowed,
  ResourceRule.OpenApi3,
  ResourceRule.HasOperations,
  ResourceRule.OperationExists,
  ResourceRule.Unique,
];

/**
 * 接口资源登记 — a provider's data-admin registers the upstream API of one of its catalog entries.
 * The upstream credentials are sealed with the node's credential key before they reach the
 * database and are never answered; the entry's call plans are read again.
 */
@Injectable()
export class RegisterApiResourceUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly resources: ApiResourceRepository,
    private readonly entries: EntryRefRepository,
    private readonly vault: CredentialVault,
    private readonly plans: CallPlans,
    private readonly outbound: OutboundPolicy,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  async execute(principal: Principal, input: RegisterApiResourceInput): Promise<ApiResourceView> {
    const entry = await this.entries.find(this.dataSource.manager, input.entryId);
    if (!entry || entry.nodeCode !== this.nodeCode) {
      throw GovdataError.rule(
        'entryId',
        ResourceRule.EntryExists,
        `本节点上没有目录 ${input.entryId} (no catalog entry ${input.entryId} on this node)`,
      );
    }
    assertDataAdminOf(principal, this.nodeCode, entry.organisationId, 'register an API for its catalog entry');
    if (entry.status === 'retired') {
      throw GovdataError.rule(
        'entryId',
        ResourceRule.EntryNotRetired,
        `目录 ${entry.code} 已停用 (catalog entry ${entry.code} is retired)`,
      );
    }
    const { operations, problems } = resolveOperations(input.openapi, input.operations);
    const itemNames = new Set(entry.items.map((i) => i.name));
    input.responseItems.forEach((mapping, i) => {
      if (!itemNames.has(mapping.item)) {
        problems.push({
          path: `responseItems.${i}.item`,
          rule: ResourceRule.EntryItem,
          message: `${mapping.item} is not an item (信息项) of entry ${entry.code}`,
        });
      }
    });
    problems.push(...(await this.outboundProblems(input.baseUrl)));
    if (problems.length > 0) throw rule(problems);

    const id = randomUUID();
    const { meta, secret } = splitCredentials(input.credentials);
    // Sealed before the transaction: the key file may be created on this first use.
    const credentialCipher = secret === null ? null : await this.vault.seal(secret, credentialContext(id));
    try {
      const record = await this.dataSource.transaction((manager) =>
        this.resources.insert(manager, {
          id,
          nodeCode: this.nodeCode,
          organisationId: entry.organisationId,
          entryId: entry.id,
          name: input.name ?? entry.name,
          baseUrl: input.baseUrl,
          openapi: input.openapi,
          operations,
          responseItems: input.responseItems,
          recordsAt: input.recordsAt ?? null,
          upstream: input.upstream,
          credentialKind: input.credentials.kind,
          credentialMeta: meta,
          credentialCipher,
          createdBy: principal.subject,
        }),
      );
      this.plans.forgetEntry(entry.id);
      return toApiResourceView(record);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw GovdataError.conflict(
          `目录 ${entry.code} 已有接口资源，请先删除 (entry ${entry.code} already has an API resource; delete it first)`,
          [
            {
              path: 'entryId',
              rule: ResourceRule.Unique,
              message: '每个目录只能有一个接口资源 (one API resource per catalog entry)',
            },
          ],
        );
      }
      throw error;
    }
  }

  /** The upstream's address against the node's outbound policy; every call checks it again. */
  private async outboundProblems(baseUrl: string): Promise<FieldProblem[]> {
    const url = new URL(baseUrl);
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    try {
      await this.outbound.admit(url.hostname.replace(/^\[(.*)\]$/, '$1'), port);
      return [];
    } catch (error) {
      if (!(error instanceof OutboundRefusedError)) throw error;
      return [{ path: 'baseUrl', rule: ResourceRule.OutboundNotAllowed, message: error.message }];
    }
  }
}

/** The secret to seal (one string per kind) and what may be shown. */
function splitCredentials(credentials: UpstreamCredentials): { meta: CredentialMeta; secret: string | null } {
  switch (credentials.kind) {
    case 'none':
      return { meta: {}, secret: null };
    case 'api-key':
      return { meta: { in: credentials.in, name: credentials.name }, secret: credentials.value };
    case 'bearer':
      return { meta: {}, secret: credentials.token };
    case 'basic':
      return { meta: { username: credentials.username }, secret: credentials.password };
  }
}

function rule(problems: FieldProblem[]): GovdataError {
  return new GovdataError(ErrorCode.RuleViolated, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}
