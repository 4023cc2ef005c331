import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { isRestricted, maySee, readerScope } from '../entries/entry-visibility.js';
import { assertOnNode, isNodeAuthority } from '../systems/organisation-access.js';
import { checkMappedColumns, checkMappedItems } from './column-mapping.js';
import { DataSourceService } from './data-source.service.js';
import {
  toMountView,
  type ApiMountDetail,
  type FileMountDetail,
  type MountView,
  type TableMountDetail,
} from './entry-mount.js';
import { EntryMountRepository, type MountTarget, type NewMount } from './entry-mount.repository.js';
import {
  MAX_STORED_CONTENT_BYTES,
  type ApiMountInput,
  type FileMountInput,
  type MountInput,
  type TableMountInput,
} from './mount.dto.js';
import { checkOpenApi } from '@govdata/openapi-document';
import { PostgresTableProbe, type TableColumn } from './postgres-table-probe.js';
import { MountRule, rethrowProbeFailure } from './mount.exception.js';

/** What a new mount needs besides id, entry and actor. */
export type PreparedMount = Pick<NewMount, 'kind' | 'name' | 'dataSourceId' | 'detail' | 'content'> & {
  secret: string | null;
};

/**
 * 目录—数据 — the resources mounted (挂接) on an entry: a table checked against the real database,
 * an API described by OpenAPI or its endpoint, or a file. Reads, and the checks a mount passes
 * (`MountResourceUseCase` and `UnmountResourceUseCase` write).
 */
@Injectable()
export class EntryMountService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly mounts: EntryMountRepository,
    private readonly sources: DataSourceService,
    private readonly probe: PostgresTableProbe,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  async list(principal: Principal, entryId: string): Promise<{ items: MountView[] }> {
    const target = await this.target(principal, entryId);
    const details = this.mayReadDetails(principal, target);
    const records = await this.mounts.list(this.dataSource.manager, this.nodeCode, entryId);
    return { items: records.map((r) => toMountView(r, details)) };
  }

  async get(principal: Principal, entryId: string, mountId: string): Promise<MountView> {
    const target = await this.target(principal, entryId);
    const record = await this.mounts.findById(this.dataSource.manager, this.nodeCode, entryId, mountId);
    if (!record) throw GovdataError.notFound('mount', mountId);
    return toMountView(record, this.mayReadDetails(principal, target));
  }

  /** An uploaded file, or an API's OpenAPI document; for the provider and the node authority. */
  async content(principal: Principal, entryId: string, mountId: string): Promise<{ mediaType: string; bytes: Buffer }> {
    const target = await this.target(principal, entryId);
    if (!this.mayReadDetails(principal, target)) {
      throw GovdataError.forbidden(
        "挂接内容仅供提供方机构和节点数据主管部门查看 (a mount's content is for the providing organisation and the node authority)",
      );
    }
    const record = await this.mounts.findById(this.dataSource.manager, this.nodeCode, entryId, mountId);
    if (!record) throw GovdataError.notFound('mount', mountId);
    const content = await this.mounts.content(this.dataSource.manager, mountId);
    if (!content) throw GovdataError.notFound('stored content of mount', mountId);
    return content;
  }

  /** The entry, if the caller may see it at all (otherwise it does not exist for them). */
  async target(principal: Principal, entryId: string): Promise<MountTarget> {
    assertOnNode(principal, this.nodeCode);
    const target = await this.mounts.findTarget(this.dataSource.manager, this.nodeCode, entryId);
    const visible =
      target &&
      maySee(readerScope(principal, this.nodeCode), {
        organisationId: target.organisationId,
        published: target.published,
        restricted: isRestricted(target.visibleContent),
      });
    if (!target || !visible) throw GovdataError.notFound('catalog entry', entryId);
    return target;
  }

  private mayReadDetails(principal: Principal, target: MountTarget): boolean {
    return principal.organisationId === target.organisationId || isNodeAuthority(principal, this.nodeCode);
  }

  /**
   * Checks what is to be mounted and prepares it; checks that reach out (the source database) run
   * here, before the mount's transaction opens.
   */
  prepare(target: MountTarget, input: MountInput): Promise<PreparedMount> {
    switch (input.kind) {
      case 'table':
        return this.prepareTable(target, input);
      case 'api':
        return Promise.resolve(prepareApi(input));
      case 'file':
        return Promise.resolve(prepareFile(input));
    }
  }

  /**
   * The mapping is checked against the entry's head version (items) and the real table
   * (information_schema, read with the source's own credentials): every problem at once.
   */
  private async prepareTable(target: MountTarget, input: TableMountInput): Promise<PreparedMount> {
    const source = await this.sources.sourceForMount(
      this.dataSource.manager,
      input.dataSourceId,
      target.organisationId,
    );
    const itemNames = target.headContent.items.map((item) => item.name);
    const { items, problems } = checkMappedItems(input.columnMapping, itemNames);
    let columns: TableColumn[];
    try {
      columns = await this.probe.describeTable(await this.sources.connectionOf(source), input.schema, input.table);
    } catch (error) {
      rethrowProbeFailure(error, 'dataSourceId', source);
    }
    const qualified = `${input.schema}.${input.table}`;
    if (columns.length === 0) {
      problems.push({
        path: 'table',
        rule: MountRule.TableExists,
        message: `数据库 ${source.database} 中用户 ${source.user} 看不到表 ${qualified}（表不存在，或该用户无权读取） (no table ${qualified} is visible to user ${source.user} in database ${source.database} (it does not exist, or the user may not read it))`,
      });
      throw ruleViolations(problems);
    }
    const checked = checkMappedColumns(input.columnMapping, items, columns, qualified);
    problems.push(...checked.problems);
    if (problems.length > 0) throw ruleViolations(problems);
    const detail: TableMountDetail = {
      schema: input.schema,
      table: input.table,
      columnMapping: checked.mapped,
      checkedAt: new Date().toISOString(),
    };
    return { kind: 'table', name: input.name, dataSourceId: source.id, detail, content: null, secret: null };
  }
}

function prepareApi(input: ApiMountInput): PreparedMount {
  let openapi: ApiMountDetail['openapi'] = null;
  let content: PreparedMount['content'] = null;
  if (input.openapi) {
    const summary = checkOpenApi(input.openapi, input.operation ?? {});
    const bytes = Buffer.from(JSON.stringify(input.openapi), 'utf8');
    if (bytes.length > MAX_STORED_CONTENT_BYTES) {
      throw GovdataError.rule(
        'openapi',
        MountRule.Size,
        `文档大小为 ${bytes.length} 字节，最多保存 2 MiB (the document is ${bytes.length} bytes; at most 2 MiB is kept)`,
      );
    }
    openapi = { ...summary, documentBytes: bytes.length };
    content = { mediaType: 'application/vnd.oai.openapi+json', bytes };
  }
  const detail: ApiMountDetail = {
    openapi,
    endpoint: input.endpoint ?? null,
    apiKey: input.apiKey ? { in: input.apiKey.in, name: input.apiKey.name } : null,
  };
  return { kind: 'api', name: input.name, dataSourceId: null, detail, content, secret: input.apiKey?.value ?? null };
}

/** An uploaded file's size and SHA-256 are computed here; stated ones must agree with the content. */
function prepareFile(input: FileMountInput): PreparedMount {
  if (input.contentBase64 === undefined) {
    const detail: FileMountDetail = {
      mediaType: input.mediaType,
      size: input.size!,
      sha256: input.sha256!,
      url: input.url!,
      stored: false,
    };
    return { kind: 'file', name: input.name, dataSourceId: null, detail, content: null, secret: null };
  }
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > MAX_STORED_CONTENT_BYTES) {
    throw GovdataError.rule(
      'contentBase64',
      MountRule.Size,
      `文件大小为 ${bytes.length} 字节，最多保存 2 MiB (the file is ${bytes.length} bytes; at most 2 MiB is stored)`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const problems: FieldProblem[] = [];
  if (input.size !== undefined && input.size !== bytes.length) {
    problems.push({
      path: 'size',
      rule: MountRule.MatchesContent,
      message: `内容为 ${bytes.length} 字节，而非 ${input.size} (the content is ${bytes.length} bytes, not ${input.size})`,
    });
  }
  if (input.sha256 !== undefined && input.sha256 !== sha256) {
    problems.push({
      path: 'sha256',
      rule: MountRule.MatchesContent,
      message: `内容的 SHA-256 为 ${sha256} (the content's SHA-256 is ${sha256})`,
    });
  }
  if (problems.length > 0) throw ruleViolations(problems);
  const detail: FileMountDetail = { mediaType: input.mediaType, size: bytes.length, sha256, url: null, stored: true };
  return {
    kind: 'file',
    name: input.name,
    dataSourceId: null,
    detail,
    content: { mediaType: input.mediaType, bytes },
    secret: null,
  };
}

function ruleViolations(problems: FieldProblem[]): GovdataError {
  return new GovdataError(ErrorCode.RuleViolated, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}
