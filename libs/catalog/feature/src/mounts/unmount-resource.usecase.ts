import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { assertEditorOf } from '../systems/organisation-access.js';
import { EntryMountRepository } from './entry-mount.repository.js';
import { EntryMountService } from './entry-mount.service.js';

/** `DELETE /entries/:id/mounts/:mountId` — 取消挂接: an editor of the entry's organisation unmounts a resource. */
@Injectable()
export class UnmountResourceUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly mounts: EntryMountRepository,
    private readonly mountService: EntryMountService,
  ) {}

  async execute(principal: Principal, entryId: string, mountId: string): Promise<void> {
    const nodeCode = this.config.node.code;
    const target = await this.mountService.target(principal, entryId);
    assertEditorOf(principal, nodeCode, target.organisationId, "unmount resources from the organisation's entries");
    await this.dataSource.transaction(async (manager) => {
      const record = await this.mounts.findById(manager, nodeCode, entryId, mountId);
      if (!record) throw GovdataError.notFound('mount', mountId);
      await this.mounts.delete(manager, nodeCode, mountId);
    });
  }
}
