import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { CredentialVault, NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { assertOnNode, isNodeAuthority } from '../systems/organisation-access.js';
import { passwordContext, toDataSourceView, type DataSourceRecord, type DataSourceView } from './data-source.js';
import { DataSourceRepository } from './data-source.repository.js';
import { PostgresTableProbe, type PostgresConnection } from './postgres-table-probe.js';
import { MountRule, rethrowProbeFailure } from './mount.exception.js';

/**
 * 数据源 — reading the databases an organisation mounts tables from (registering and deleting one are
 * `RegisterDataSourceUseCase` and `DeleteDataSourceUseCase`). Connection details are visible to the
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
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  /** The node authority sees every organisation's sources; others see their own organisation's. */
  async list(principal: Principal, organisationId: string | undefined): Promise<DataSourceView[]> {
    assertOnNode(principal, this.nodeCode);
    const authority = isNodeAuthority(principal, this.nodeCode);
    if (!authority && organisationId !== undefined && organisationId !== principal.organisationId) {
      throw GovdataError.forbidden(
        "仅节点数据主管部门可查看其他机构的数据源 (only the node authority may list another organisation's data sources)",
      );
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

  /** A source of the organisation, for mounting a table from it; 422 naming `dataSourceId` otherwise. */
  async sourceForMount(manager: EntityManager, id: string, organisationId: string): Promise<DataSourceRecord> {
    const record = await this.sources.findById(manager, this.nodeCode, id);
    if (!record) {
      throw GovdataError.rule(
        'dataSourceId',
        MountRule.DataSourceExists,
        `本节点未登记数据源 ${id} (no data source ${id} is registered on this node)`,
      );
    }
    if (record.organisationId !== organisationId) {
      throw GovdataError.rule(
        'dataSourceId',
        MountRule.DataSourceOfProvider,
        "只能从目录所属机构自己的数据源挂接表 (a table is mounted from one of the entry's own organisation's data sources)",
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
