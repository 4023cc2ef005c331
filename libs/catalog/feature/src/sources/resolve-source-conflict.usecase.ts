import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { EntryRepository } from '../entries/entry.repository.js';
import { assertNodeAuthority } from '../systems/organisation-access.js';
import type { SourceConflict } from './source-conflict.js';
import type { ResolveConflictInput } from './source-conflict.dto.js';
import { SourceConflictRepository } from './source-conflict.repository.js';
import { SourceConflictService } from './source-conflict.service.js';
import { SourceRule } from './source.exception.js';

/**
 * `POST /source-conflicts/:id/resolve` — 确定权威来源: the node authority designates one entry of a
 * flagged pair as the authoritative source; the other entry (and whatever pointed to it) points to it.
 */
@Injectable()
export class ResolveSourceConflictUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly conflicts: SourceConflictRepository,
    private readonly conflictService: SourceConflictService,
    private readonly entries: EntryRepository,
  ) {}

  async execute(principal: Principal, id: string, input: ResolveConflictInput): Promise<SourceConflict> {
    const nodeCode = this.config.node.code;
    assertNodeAuthority(principal, nodeCode, 'designate authoritative sources');
    return this.dataSource.transaction(async (manager) => {
      const conflict = await this.conflictService.openConflict(manager, id);
      const pair = [conflict.entry, conflict.other];
      const authority = pair.find((e) => e.id === input.authoritativeEntryId);
      const subordinate = pair.find((e) => e.id !== input.authoritativeEntryId)!;
      if (!authority) {
        throw GovdataError.rule(
          'authoritativeEntryId',
          SourceRule.OneOfPair,
          `请在被标记的目录中指定其一：${conflict.entry.id}（${conflict.entry.name}）或 ${conflict.other.id}（${conflict.other.name}） (designate one of the flagged entries: ${conflict.entry.id} (${conflict.entry.name}) or ${conflict.other.id} (${conflict.other.name}))`,
        );
      }
      if (authority.status === 'retired') {
        throw GovdataError.rule(
          'authoritativeEntryId',
          SourceRule.NotRetired,
          `目录 ${authority.code} 已停用，不能作为权威来源 (entry ${authority.code} is retired; it cannot be the authoritative source)`,
        );
      }
      // Locked in a fixed order so that two resolutions touching the same entries queue, not deadlock.
      const pointers = new Map<string, string | null | undefined>();
      for (const entryId of [authority.id, subordinate.id].sort()) {
        pointers.set(entryId, await this.entries.lockAuthority(manager, nodeCode, entryId));
      }
      const authorityPointsTo = pointers.get(authority.id);
      if (authorityPointsTo && authorityPointsTo !== subordinate.id) {
        throw GovdataError.rule(
          'authoritativeEntryId',
          SourceRule.AuthorityIsSubordinate,
          `目录 ${authority.code} 已指向其权威来源 ${authorityPointsTo}，请改为指定该目录 (entry ${authority.code} already points to its authoritative source ${authorityPointsTo}; designate that entry instead)`,
        );
      }
      await this.entries.designateAuthority(manager, nodeCode, authority.id, subordinate.id);
      await this.conflicts.decide(manager, id, {
        status: 'resolved',
        authoritativeEntryId: authority.id,
        note: input.note || null,
        actor: principal.subject,
        actorName: principal.name ?? null,
      });
      return (await this.conflicts.findById(manager, nodeCode, id))!;
    });
  }
}
