import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { can, type Principal } from '@govdata/platform-auth';
import { ErrorCode, GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { DataSource, type EntityManager } from 'typeorm';
import { BusinessClock } from '../clocks/business-clock.js';
import { OrganisationRefRepository } from '../directory/organisation-ref.repository.js';
import { EntryDirectory, entryField } from '../ledger/entry-directory.service.js';
import type { FileApplicationBody } from './application.dto.js';
import { ApplicationRule } from './application.exception.js';
import { ApplicationReadService } from './application-read.service.js';
import { ApplicationRepository } from './application.repository.js';
import type { ApplicationRecord, ApplicationView, TimelineStep } from './application.types.js';
import { actorOf, ApplicationChanges, grantStep } from './application-changes.js';
import { entryItems, grantTerms } from './grant-terms.js';

/** The longest validity an application may ask for. */
const MAX_VALIDITY_YEARS = 3;

/**
 * 线上申请 — a demand-applicant files an application for a catalog entry or for data not catalogued
 * yet. It starts in the department review; one for an entry shared without conditions is granted
 * at once. An entry named by the code of a node whose entries this node does not keep (a
 * ministry's, for a city) is looked up at that node first, outside the transaction — 404 when it
 * has none to share, 503 at once when it cannot be reached.
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly directory: EntryDirectory,
    private readonly organisations: OrganisationRefRepository,
    private readonly changes: ApplicationChanges,
    private readonly reads: ApplicationReadService,
    private readonly clock: BusinessClock,
    private readonly dataSource: DataSource,
  ) {}

  async execute(principal: Principal, body: FileApplicationBody): Promise<ApplicationView> {
    this.assertApplicant(principal);
    if (body.target.kind === 'entry') await this.directory.refresh(body.target);
    return this.dataSource.transaction((manager) => this.file(manager, principal, body));
  }

  private async file(
    manager: EntityManager,
    principal: Principal,
    body: FileApplicationBody,
  ): Promise<ApplicationView> {
    this.assertApplicant(principal);
    const thisNode = this.changes.thisNode;
    const today = this.clock.today();
    checkValidity(body.validUntil, today);
    const applicantOrg = await this.organisations.find(manager, principal.organisationId);
    const now = this.clock.now().toISOString();
    const base = {
      id: randomUUID(),
      nodeCode: thisNode,
      version: 1,
      applicant: {
        organisationId: principal.organisationId,
        nodeCode: thisNode,
        subject: principal.subject,
        organisationName: applicantOrg?.name ?? null,
      },
      purpose: body.purpose,
      legalBasis: body.legalBasis,
      scenario: body.scenario ?? null,
      validUntil: body.validUntil,
      expectedVolume: body.expectedVolume ?? null,
      filedAt: now,
      changedAt: now,
      changedAtNode: thisNode,
      receivedAt: null,
    };
    const filing: TimelineStep = {
      seq: 1,
      step: 'filing',
      openedAt: now,
      dueOn: null,
      decision: 'filed',
      decidedAt: now,
      actor: actorOf(principal),
      comment: null,
    };

    let app: ApplicationRecord;
    const timeline: TimelineStep[] = [filing];
    if (body.target.kind === 'entry') {
      const entry = await this.directory.find(manager, body.target);
      if (entry.sharingType === 'none') {
        throw GovdataError.rule(
          entryField(body.target),
          ApplicationRule.NotShareable,
          `entry ${entry.code} is 不予共享 (${entry.sharingLegalBasis ?? 'no legal basis stated'}); it cannot be applied for`,
        );
      }
      if (entry.organisationId === principal.organisationId && entry.nodeCode === thisNode) {
        throw GovdataError.rule(
          entryField(body.target),
          ApplicationRule.OwnEntry,
          `目录 ${entry.code} 是本机构自己的数据 (entry ${entry.code} is your own organisation's data)`,
        );
      }
      const requestedItems = entryItems(body.requestedItems, entry, 'requestedItems');
      app = {
        ...base,
        state: 'department-review',
        lastAction: 'filed',
        target: {
          kind: 'entry',
          entryId: entry.entryId,
          entryCode: entry.code,
          entryName: entry.name,
          providerNode: entry.nodeCode,
          providerOrganisationId: entry.organisationId,
          description: null,
        },
        requestedItems,
        grant: null,
      };
      if (entry.sharingType === 'unconditional') {
        // 无条件共享: no review; the grant is made with the filing.
        const grant = grantTerms(app, entry, undefined, today);
        app = { ...app, state: 'granted', lastAction: 'granted', grant };
        timeline.push(grantStep(2, now, null, grant, '无条件共享：申请即授权'));
      }
    } else {
      const providerNode = body.target.providerNode ?? thisNode;
      const providerOrganisationId = body.target.providerOrganisationId;
      if (providerOrganisationId === principal.organisationId && providerNode === thisNode) {
        throw GovdataError.rule(
          'target.providerOrganisationId',
          ApplicationRule.OtherOrganisation,
          '请向其他机构申请 (apply to another organisation)',
        );
      }
      if (providerNode === thisNode) {
        const provider = await this.organisations.find(manager, providerOrganisationId);
        if (!provider || !provider.active || provider.nodeCode !== thisNode) {
          throw GovdataError.rule(
            'target.providerOrganisationId',
            ApplicationRule.KnownOrganisation,
            `机构 ${providerOrganisationId} 不是节点 ${thisNode} 的有效机构 (organisation ${providerOrganisationId} is not an active organisation of node ${thisNode})`,
          );
        }
      }
      app = {
        ...base,
        state: 'department-review',
        lastAction: 'filed',
        target: {
          kind: 'uncatalogued',
          entryId: null,
          entryCode: null,
          entryName: null,
          providerNode,
          providerOrganisationId,
          description: body.target.description,
        },
        requestedItems: [...new Set(body.requestedItems)],
        grant: null,
      };
    }
    if (app.state === 'department-review') timeline.push(await this.changes.openStep(manager, app, 2, now));

    await this.applications.insert(manager, app);
    for (const step of timeline) await this.applications.insertStep(manager, app.id, step);
    await this.changes.publish(manager, app.lastAction, app, timeline);
    return this.reads.view(app, timeline);
  }

  private assertApplicant(principal: Principal): void {
    const thisNode = this.changes.thisNode;
    if (!can(principal, 'demand.application.file', { nodeCode: thisNode, organisationId: principal.organisationId })) {
      throw GovdataError.forbidden(
        `提交共享申请需要节点 ${thisNode} 的 demand-applicant（需求申请人）角色 (filing an application needs the demand-applicant role at node ${thisNode})`,
      );
    }
  }
}

/** 使用期限: after today, at most three years ahead. */
function checkValidity(validUntil: string, today: string): void {
  const problems: FieldProblem[] = [];
  if (validUntil <= today) {
    problems.push({
      path: 'validUntil',
      rule: ApplicationRule.FutureDate,
      message: `须晚于今天（${today}） (must be after today (${today}))`,
    });
  }
  const limit = `${Number(today.slice(0, 4)) + MAX_VALIDITY_YEARS}${today.slice(4)}`;
  if (validUntil > limit) {
    problems.push({
      path: 'validUntil',
      rule: ApplicationRule.MaxValidity,
      message: `最多 ${MAX_VALIDITY_YEARS} 年（${limit}）；到期请重新申请续期 (at most ${MAX_VALIDITY_YEARS} years ahead (${limit}); apply again to renew)`,
    });
  }
  if (problems.length > 0) throw new GovdataError(ErrorCode.RuleViolated, problems[0]!.message, problems);
}
