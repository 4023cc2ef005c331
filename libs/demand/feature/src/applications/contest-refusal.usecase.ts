import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { DataSource } from 'typeorm';
import type { ContestBody } from './application.dto.js';
import type { ApplicationView } from './application.types.js';
import { ApplicationChanges } from './application-changes.js';
import { choose } from './application-workflow.js';

/** 提出异议 — the applicant contests a refusal by the provider side, once, to the provider node's authority. */
@Injectable()
export class ContestRefusalUseCase {
  constructor(
    private readonly changes: ApplicationChanges,
    private readonly dataSource: DataSource,
  ) {}

  execute(principal: Principal, id: string, input: ContestBody): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.changes.begin(manager, principal, id, 'contest');
      const row = choose(current.allowed.rows, { target: current.app.target.kind });
      return this.changes.take(manager, principal, current, row, { comment: input.comment });
    });
  }
}
