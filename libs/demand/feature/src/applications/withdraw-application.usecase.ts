import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { DataSource } from 'typeorm';
import type { WithdrawBody } from './application.dto.js';
import type { ApplicationView } from './application.types.js';
import { ApplicationChanges } from './application-changes.js';
import { choose } from './application-workflow.js';

/** 撤回申请 — the applicant withdraws an application still under review. */
@Injectable()
export class WithdrawApplicationUseCase {
  constructor(
    private readonly changes: ApplicationChanges,
    private readonly dataSource: DataSource,
  ) {}

  execute(principal: Principal, id: string, input: WithdrawBody): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.changes.begin(manager, principal, id, 'withdraw');
      const row = choose(current.allowed.rows, { target: current.app.target.kind });
      return this.changes.take(manager, principal, current, row, { comment: input.comment ?? null });
    });
  }
}
