import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { CredentialVault, NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { assertEditorOf } from '../systems/organisation-access.js';
import { apiKeyContext, toMountView, type MountView } from './entry-mount.js';
import { EntryMountRepository } from './entry-mount.repository.js';
import { EntryMountService } from './entry-mount.service.js';
import type { MountInput } from './mount.dto.js';
import { mountNameTaken } from './mount.exception.js';

/**
 * `POST /entries/:id/mounts` — 挂接资源: a catalog editor of the entry's own organisation mounts a
 * table (checked against the real database), an API or a file to an entry that is not retired.
 */
@Injectable()
export class MountResourceUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly mounts: EntryMountRepository,
    private readonly mountService: EntryMountService,
    private readonly vault: CredentialVault,
  ) {}

  async execute(principal: Principal, entryId: string, input: MountInput): Promise<MountView> {
    const nodeCode = this.config.node.code;
    const target = await this.mountService.target(principal, entryId);
    assertEditorOf(principal, nodeCode, target.organisationId, "mount resources to the organisation's entries");
    if (target.retired)
      throw GovdataError.conflict(
        '目录已停用，不能再挂接资源 (the entry is retired; nothing more can be mounted to it)',
      );
    // Checks that reach out (the source database) happen before the transaction opens.
    const prepared = await this.mountService.prepare(target, input);
    const id = randomUUID();
    const secretCipher = prepared.secret ? await this.vault.seal(prepared.secret, apiKeyContext(id)) : null;
    return this.dataSource.transaction(async (manager) => {
      if (await this.mounts.findByName(manager, entryId, prepared.name)) throw mountNameTaken(prepared.name);
      try {
        const record = await this.mounts.insert(manager, {
          id,
          entryId,
          nodeCode,
          organisationId: target.organisationId,
          kind: prepared.kind,
          name: prepared.name,
          dataSourceId: prepared.dataSourceId,
          detail: prepared.detail,
          secretCipher,
          actor: principal.subject,
          content: prepared.content,
        });
        return toMountView(record, true);
      } catch (error) {
        if (isUniqueViolation(error)) throw mountNameTaken(prepared.name);
        throw error;
      }
    });
  }
}
