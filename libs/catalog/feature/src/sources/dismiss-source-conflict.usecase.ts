import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { assertNodeAuthority } from '../systems/organisation-access.js';
import type { SourceConflict } from './source-conflict.js';
import { SourceConflictRepository } from './source-conflict.repository.js';
import { SourceConflictService } from './source-conflict.service.js';

/**
 * `POST /source-conflicts/:id/dismiss` — 排除: the node authority decides the pair is not the same
 * data after all; the flag closes with the reason and the pair is not flagged again.
 */
@Injectable()
export class DismissSourceConflictUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly conflicts: SourceConflictRepository,
    private readonly conflictService: SourceConflictService,
  ) {}

  async execute(principal: Principal, id: string, reason: string): Promise<SourceConflict> {
    const nodeCode = this.config.node.code;
    assertNodeAuthority(principal, nodeCode, 'dismiss 一数一源 (one data, one source) flags');
    return this.dataSource.transaction(async (manager) => {
      await this.conflictService.openConflict(manager, id);
      await this.conflicts.decide(manager, id, {
        status: 'dismissed',
        authoritativeEntryId: null,
        note: reason,
        actor: principal.subject,
        actorName: principal.name ?? null,
      });
      return (await this.conflicts.findById(manager, nodeCode, id))!;
    });
  }
}
