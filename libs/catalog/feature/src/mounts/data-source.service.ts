import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { OutboundPolicy, OutboundRefusedError } from '@govdata/platform-outbound';
import { CredentialVault, NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { assertEditorOf, assertOnNode, isNodeAuthority } from '../systems/organisation-access.js';
import { passwordContext, toDataSourceView, type DataSourceRecord, type DataSourceView } from './data-source.js';
import type { RegisterDataSourceInput } from './data-source.dto.js';
import { DataSourceRepository } from './data-source.repository.js';
import { PostgresTableProbe, SourceProbeError, type PostgresConnection } from './postgres-table-probe.js';

/**
 * 数据源 — the databases an organisation mounts tables from. Connection details are visible to the
 * organisation's members and the node authority; the password goes in once and never comes out.
 */
@Injectable()
export class DataSourceService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly sources: DataSourceRepository,
    private readonly vault: CredentialVault,
    private readonly probe: PostgresTableProbe,
    private readonly outbound: OutboundPolicy,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  async register(principal: Principal, input: RegisterDataSourceInput): Promise<DataSourceView> {
    const organisationId = input.organisationId ?? principal.organisationId;
    assertEditorOf(principal, this.nodeCode, organisationId, 'register its data sources');
    await this.outbound.admit(input.host, input.port).catch((error: unknown) => {
      throw outboundRefusal(error, 'host') ?? error;
    });
    const id = randomUUID();
    // Sealed before the transaction: the key file may be created on this first use.
    const passwordCipher = input.password ? await this.vault.seal(input.password, passwordContext(id)) : null;
    return this.dataSource.transaction(async (manager) => {
      if (await this.sources.findByName(manager, organisationId, input.name)) throw nameConflict(input.name);
      try {
        const record = await this.sources.insert(manager, {
          id,
          nodeCode: this.nodeCode,
          organisationId,
          name: input.name,
          kind: input.kind,
          host: input.host,
          port: input.port,
          database: input.database,
          user: input.user,
          passwordCipher,
          ssl: input.ssl,
          actor: principal.subject,
        });
        return toDataSourceView(record);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameConflict(input.name);
        throw error;
      }
    });
  }

  /** The node authority sees every organisation's sources; others see their own organisation's. */
  async list(principal: Principal, organisationId: string | undefined): Promise<DataSourceView[]> {
    assertOnNode(principal, this.nodeCode);
    const authority = isNodeAuthority(principal, this.nodeCode);
    if (!authority && organisationId !== undefined && organisationId !== principal.organisationId) {
      throw GovdataError.forbidden("only the node authority may list another organisation's data sources");
    }
    const scope = authority ? (organisationId ?? null) : principal.organisationId;
    return (await this.sources.list(this.dataSource.manager, this.nodeCode, scope)).map(toDataSourceView);
  }

  async get(principal: Principal, id: string): Promise<DataSourceView> {
    return toDataSourceView(await this.readable(principal, id));
  }

  /** Connects with the stored credentials: the "test connection" button. */
  async check(principal: Principal, id: string): Promise<{ reachable: true; serverVersion: string }> {
    const record = await this.readable(principal, id);
    try {
      return { reachable: true, ...(await this.probe.ping(await this.connectionOf(record))) };
    } catch (error) {
      rethrowProbeFailure(error, 'id', record);
    }
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const record = await this.sources.findById(manager, this.nodeCode, id);
      if (!record) throw GovdataError.notFound('data source', id);
      assertEditorOf(principal, this.nodeCode, record.organisationId, 'delete its data sources');
      const mounts = await this.sources.mountCount(manager, id);
      if (mounts > 0) {
        throw GovdataError.conflict(
          `data source ${record.name} is used by ${mounts} mounted table(s); unmount them first`,
        );
      }
      await this.sources.delete(manager, this.nodeCode, id);
    });
  }

  /** A source of the organisation, for mounting a table from it; 422 naming `dataSourceId` otherwise. */
  async sourceForMount(manager: EntityManager, id: string, organisationId: string): Promise<DataSourceRecord> {
    const record = await this.sources.findById(manager, this.nodeCode, id);
    if (!record) {
      throw GovdataError.rule('dataSourceId', 'data-source-exists', `no data source ${id} is registered on this node`);
    }
    if (record.organisationId !== organisationId) {
      throw GovdataError.rule(
        'dataSourceId',
        'data-source-of-provider',
        "a table is mounted from one of the entry's own organisation's data sources",
      );
    }
    return record;
  }

  /** Connection details with the password opened — only ever handed to the probe. */
  async connectionOf(record: DataSourceRecord): Promise<PostgresConnection> {
    return {
      host: record.host,
      port: record.port,
      database: record.database,
      user: record.user,
      password: record.passwordCipher ? await this.vault.open(record.passwordCipher, passwordContext(record.id)) : null,
      ssl: record.ssl,
    };
  }

  private async readable(principal: Principal, id: string): Promise<DataSourceRecord> {
    assertOnNode(principal, this.nodeCode);
    const record = await this.sources.findById(this.dataSource.manager, this.nodeCode, id);
    // Outside the organisation and the authority a source does not exist, as far as the caller can tell.
    if (!record || !(isNodeAuthority(principal, this.nodeCode) || principal.organisationId === record.organisationId)) {
      throw GovdataError.notFound('data source', id);
    }
    return record;
  }
}

/**
 * A source that cannot be read is the caller's to fix (address, password, grants): a 422 naming the
 * field that points at the source and saying what failed — never a 500, never the password.
 */
export function rethrowProbeFailure(error: unknown, path: string, record: DataSourceRecord): never {
  const refused = outboundRefusal(error, path);
  if (refused) throw refused;
  if (!(error instanceof SourceProbeError)) throw error;
  throw GovdataError.rule(
    path,
    `source-${error.failure}`,
    `data source ${record.name} (${record.user}@${record.host}:${record.port}/${record.database}): ${error.message}`,
  );
}

/** A host the node's outbound policy (`outbound.allow`) refuses: a 422 naming the field. */
function outboundRefusal(error: unknown, path: string): GovdataError | null {
  if (!(error instanceof OutboundRefusedError)) return null;
  return GovdataError.rule(path, 'outbound-not-allowed', `${error.host}:${error.port}: ${error.message}`);
}

function nameConflict(name: string): GovdataError {
  return GovdataError.conflict(`the organisation already has a data source named ${name}`, [
    { path: 'name', rule: 'unique', message: 'another data source of this organisation has this name' },
  ]);
}
