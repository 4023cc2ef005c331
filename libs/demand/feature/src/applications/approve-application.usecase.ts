import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { DataSource } from 'typeorm';
import type { ApproveBody } from './application.dto.js';
import { ApplicationRule } from './application.exception.js';
import type { ApplicationView } from './application.types.js';
import { ApplicationChanges, type Decision } from './application-changes.js';
import { choose, type GuardFacts } from './application-workflow.js';

/**
 * 审核通过 — whoever holds the pending step approves it: the department passes it on, the provider
 * grants (or refers it to the authority; 重要数据 always goes there), the authority grants on the
 * provider's proposed terms. Only the provider review takes terms and the referral.
 */
@Injectable()
export class ApproveApplicationUseCase {
  constructor(
    private readonly changes: ApplicationChanges,
    private readonly dataSource: DataSource,
  ) {}

  execute(principal: Principal, id: string, input: ApproveBody): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.changes.begin(manager, principal, id, 'approve');
      const { rows } = current.allowed;
      const source = rows[0]!.terms;
      if (source !== 'reviewer' && (input.terms || input.referToAuthority !== undefined)) {
        throw GovdataError.rule(
          input.terms ? 'terms' : 'referToAuthority',
          ApplicationRule.ProviderReviewOnly,
          '授权条件及是否提交数据主管部门审核，在提供方审核环节设置 (grant terms and the referral to the authority are set in the provider review)',
        );
      }
      const decision: Decision = { comment: input.comment ?? null };
      const facts: GuardFacts = { target: current.app.target.kind };
      if (source === 'reviewer' || source === 'proposal') {
        const { terms, entry } = await this.changes.grantFrom(manager, source, current, input.terms);
        decision.terms = terms;
        facts.referred = input.referToAuthority === true || entry.gradeCategory === 'important';
      }
      return this.changes.take(manager, principal, current, choose(rows, facts), decision);
    });
  }
}
