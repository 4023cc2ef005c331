import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { DataSource } from 'typeorm';
import { LegalGroundService } from '../legal-grounds/legal-ground.service.js';
import type { RejectBody } from './application.dto.js';
import { ApplicationRule } from './application.exception.js';
import type { ApplicationView } from './application.types.js';
import { ApplicationChanges, type Decision } from './application-changes.js';
import { choose } from './application-workflow.js';

/**
 * 审核不通过 — whoever holds the pending step refuses it. 非因法定事由不得拒绝: the provider side cites
 * a legal ground in force; the applicant's department says why (and may cite a ground).
 */
@Injectable()
export class RejectApplicationUseCase {
  constructor(
    private readonly changes: ApplicationChanges,
    private readonly grounds: LegalGroundService,
    private readonly dataSource: DataSource,
  ) {}

  execute(principal: Principal, id: string, input: RejectBody): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.changes.begin(manager, principal, id, 'reject');
      const row = choose(current.allowed.rows, { target: current.app.target.kind });
      const decision: Decision = { comment: input.comment ?? null };
      if (row.cites === 'legal-ground') {
        decision.ground = await this.grounds.citable(manager, input.groundCode);
      } else {
        if (!input.comment) {
          throw GovdataError.rule(
            'comment',
            ApplicationRule.CommentRequired,
            '请说明本部门不予批准该共享申请的理由 (say why the department does not approve the application)',
          );
        }
        if (input.groundCode) decision.ground = await this.grounds.citable(manager, input.groundCode);
      }
      return this.changes.take(manager, principal, current, row, decision);
    });
  }
}
