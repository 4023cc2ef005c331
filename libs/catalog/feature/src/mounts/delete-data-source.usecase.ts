import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { assertEditorOf } from '../systems/organisation-access.js';
import { DataSourceRepository } from './data-source.repository.js';

/** `DELETE /data-sources/:id` — 删除数据源: an editor of the organisation deletes a source no mount uses. */
@Injectable()
export class DeleteDataSourceUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly sources: DataSourceRepository,
  ) {}

  async execute(principal: Principal, id: string): Promise<void> {
    const nodeCode = this.config.node.code;
    await this.dataSource.transaction(async (manager) => {
      const record = await this.sources.findById(manager, nodeCode, id);
      if (!record) throw GovdataError.notFound('data source', id);
      assertEditorOf(principal, nodeCode, record.organisationId, 'delete its data sources');
      const mounts = await this.sources.mountCount(manager, id);
      if (mounts > 0) {
        throw GovdataError.conflict(
          `数据源 ${record.name} 正被 ${mounts} 个挂接表使用，请先取消挂接 (data source ${record.name} is used by ${mounts} mounted table(s); unmount them first)`,
        );
      }
      await this.sources.delete(manager, nodeCode, id);
    });
  }
}
