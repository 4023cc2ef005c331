import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { OutboundPolicy } from '@govdata/platform-outbound';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { CredentialVault, NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { assertEditorOf } from '../systems/organisation-access.js';
import { passwordContext, toDataSourceView, type DataSourceView } from './data-source.js';
import type { RegisterDataSourceInput } from './data-source.dto.js';
import { DataSourceRepository } from './data-source.repository.js';
import { dataSourceNameTaken, outboundRefusal } from './mount.exception.js';

/**
 * `POST /data-sources` — 登记数据源: a catalog editor registers a database of their organisation.
 * The host must be one the node's outbound policy allows; the password is sealed and never returned.
 */
@Injectable()
export class RegisterDataSourceUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly sources: DataSourceRepository,
    private readonly vault: CredentialVault,
    private readonly outbound: OutboundPolicy,
  ) {}

  async execute(principal: Principal, input: RegisterDataSourceInput): Promise<DataSourceView> {
    const nodeCode = this.config.node.code;
    const organisationId = input.organisationId ?? principal.organisationId;
    assertEditorOf(principal, nodeCode, organisationId, 'register its data sources');
    await this.outbound.admit(input.host, input.port).catch((error: unknown) => {
      throw outboundRefusal(error, 'host') ?? error;
    });
    const id = randomUUID();
    // Sealed before the transaction: the key file may be created on this first use.
    const passwordCipher = input.password ? await this.vault.seal(input.password, passwordContext(id)) : null;
    return this.dataSource.transaction(async (manager) => {
      if (await this.sources.findByName(manager, organisationId, input.name)) throw dataSourceNameTaken(input.name);
      try {
        const record = await this.sources.insert(manager, {
          id,
          nodeCode,
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
        if (isUniqueViolation(error)) throw dataSourceNameTaken(input.name);
        throw error;
      }
    });
  }
}
