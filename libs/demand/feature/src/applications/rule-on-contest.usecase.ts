import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { DataSource } from 'typeorm';
import type { ContestDecisionBody } from './application.dto.js';
import type { ApplicationView } from './application.types.js';
import { ApplicationChanges, type Decision } from './application-changes.js';
import { choose } from './application-workflow.js';

/**
 * 异议裁决 — the provider node's data authority rules on a contest: upholding keeps the refusal;
 * overturning grants the entry (on its terms, else the provider's proposal, else the defaults) or
 * sends the provider back to register the data.
 */
@Injectable()
export class RuleOnContestUseCase {
  constructor(
    private readonly changes: ApplicationChanges,
    private readonly dataSource: DataSource,
  ) {}

  execute(principal: Principal, id: string, input: ContestDecisionBody): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.changes.begin(manager, principal, id, 'decide-contest');
      const row = choose(current.allowed.rows, { target: current.app.target.kind, ruling: input.decision });
      const decision: Decision = { comment: input.comment };
      if (row.terms === 'ruling') {
        decision.terms = (await this.changes.grantFrom(manager, 'ruling', current, input.terms)).terms;
      }
      return this.changes.take(manager, principal, current, row, decision);
    });
  }
}
