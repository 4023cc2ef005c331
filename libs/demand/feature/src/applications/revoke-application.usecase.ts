import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { DataSource } from 'typeorm';
import { LegalGroundService } from '../legal-grounds/legal-ground.service.js';
import type { RevokeBody } from './application.dto.js';
import type { ApplicationView } from './application.types.js';
import { ApplicationChanges } from './application-changes.js';
import { choose } from './application-workflow.js';

/**
 * 撤销授权 — the provider side ends a running grant, citing a legal ground. The provider's exchange
 * ends the grant when this change reaches it (here, and at the applicant's node for its copy);
 * calls under it are refused from then on.
 */
@Injectable()
export class RevokeApplicationUseCase {
  constructor(
    private readonly changes: ApplicationChanges,
    private readonly grounds: LegalGroundService,
    private readonly dataSource: DataSource,
  ) {}

  execute(principal: Principal, id: string, input: RevokeBody): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.changes.begin(manager, principal, id, 'revoke');
      const row = choose(current.allowed.rows, { target: current.app.target.kind });
      const ground = await this.grounds.citable(manager, input.groundCode);
      return this.changes.take(manager, principal, current, row, { comment: input.comment ?? null, ground });
    });
  }
}
