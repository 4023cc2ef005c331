import { Controller, Inject } from '@nestjs/common';
import { catalogMountsV1 } from '@govdata/contracts';
import { AllowedCallers } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { isUuid } from '@govdata/codes';
import { DataSource } from 'typeorm';
import type { TableMountDetail } from './entry-mount.js';
import { EntryMountRepository } from './entry-mount.repository.js';
import { EntryInputProblem } from '../entries/entry.exception.js';

/**
 * govdata.catalog.v1.CatalogMountsService — where the tables mounted on the node's published entries
 * are, for the services that read the data itself. The open-data service only: it opens the sealed
 * password with the node's credential key, and serves the rows under its own review and masking.
 */
@Controller()
@AllowedCallers({ services: ['open-data'] })
@catalogMountsV1.CatalogMountsServiceControllerMethods()
export class CatalogMountsGrpcController implements catalogMountsV1.CatalogMountsServiceController {
  constructor(
    private readonly mounts: EntryMountRepository,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async listTableMounts(
    request: catalogMountsV1.ListTableMountsRequest,
  ): Promise<catalogMountsV1.ListTableMountsResponse> {
    if (!isUuid(request.entryId)) {
      throw GovdataError.validation([
        { path: 'entry_id', rule: EntryInputProblem.Uuid, message: 'UUID 格式的 ID (a UUID)' },
      ]);
    }
    const manager = this.dataSource.manager;
    const target = await this.mounts.findTarget(manager, this.config.node.code, request.entryId);
    if (!target || !target.published || target.retired) throw GovdataError.notFound('catalog entry', request.entryId);
    const tables = await this.mounts.tablesWithSources(manager, this.config.node.code, request.entryId);
    return {
      mounts: tables.map(({ mount, passwordCipher }) => {
        const detail = mount.detail as TableMountDetail;
        const source = mount.dataSource!;
        return {
          id: mount.id,
          name: mount.name,
          schema: detail.schema,
          table: detail.table,
          columns: detail.columnMapping.map((c) => ({ column: c.column, columnType: c.columnType, item: c.item })),
          source: {
            id: source.id,
            kind: source.kind,
            host: source.host,
            port: source.port,
            database: source.database,
            user: source.user,
            ssl: source.ssl,
            passwordSealed: passwordCipher ?? '',
          },
          createdAtMs: Date.parse(mount.createdAt),
        };
      }),
    };
  }
}
