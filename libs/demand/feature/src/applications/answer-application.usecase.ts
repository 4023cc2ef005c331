import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { DataSource } from 'typeorm';
import { BusinessClock } from '../clocks/business-clock.js';
import { EntryRefRepository } from '../ledger/entry-ref.repository.js';
import type { AnswerBody } from './application.dto.js';
import { ApplicationRule } from './application.exception.js';
import type { ApplicationView } from './application.types.js';
import { ApplicationChanges, type Decision } from './application-changes.js';
import { choose } from './application-workflow.js';
import { grantTerms } from './grant-terms.js';

/**
 * 编目答复 — the provider answers a request for data not catalogued yet with the entry it registered
 * and published: the entry becomes the target, and the application goes to the provider review (or
 * is granted at once for an entry shared without conditions).
 */
@Injectable()
export class AnswerApplicationUseCase {
  constructor(
    private readonly changes: ApplicationChanges,
    private readonly entries: EntryRefRepository,
    private readonly clock: BusinessClock,
    private readonly dataSource: DataSource,
  ) {}

  execute(principal: Principal, id: string, input: AnswerBody): Promise<ApplicationView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.changes.begin(manager, principal, id, 'answer');
      const { app } = current;
      const entry = await this.entries.find(manager, input.entryId);
      if (
        !entry ||
        entry.retired ||
        entry.nodeCode !== app.target.providerNode ||
        entry.organisationId !== app.target.providerOrganisationId
      ) {
        throw GovdataError.rule(
          'entryId',
          ApplicationRule.ProviderEntry,
          `请以机构 ${app.target.providerOrganisationId} 已发布的目录答复（请先在目录中登记并发布） (answer with a published entry of organisation ${app.target.providerOrganisationId} (register and publish it in the catalog first))`,
        );
      }
      if (entry.sharingType === 'none') {
        throw GovdataError.rule(
          'entryId',
          ApplicationRule.NotShareable,
          `entry ${entry.code} is 不予共享; refuse the application with a legal ground instead`,
        );
      }
      const target = { kind: 'entry' as const, entryId: entry.entryId, entryCode: entry.code, entryName: entry.name };
      const row = choose(current.allowed.rows, { target: app.target.kind, answered: entry.sharingType });
      const decision: Decision = { comment: input.comment ?? `已编目：${entry.code} ${entry.name}`, target };
      if (row.terms === 'entry-defaults') {
        decision.terms = grantTerms(
          { ...app, target: { ...app.target, ...target } },
          entry,
          undefined,
          this.clock.today(),
        );
      }
      return this.changes.take(manager, principal, current, row, decision);
    });
  }
}
