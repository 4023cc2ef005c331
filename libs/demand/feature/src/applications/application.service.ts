import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { GrantTerms } from '@govdata/contracts';
import { can, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../clocks/business-clock.js';
import { NodeCalendarService } from '../calendar/node-calendar.service.js';
import { STEP_WORKING_DAYS, type ClockedStep } from '../clocks/step-deadlines.js';
import { OrganisationRefRepository } from '../directory/organisation-ref.repository.js';
import type { EntryRef } from '../ledger/entry-ref.js';
import { EntryDirectory, entryField } from '../ledger/entry-directory.service.js';
import { EntryRefRepository } from '../ledger/entry-ref.repository.js';
import { LegalGroundService } from '../legal-grounds/legal-ground.service.js';
import type {
  AnswerBody,
  ApproveBody,
  ContestBody,
  ContestDecisionBody,
  FileApplicationBody,
  RejectBody,
  RevokeBody,
  WithdrawBody,
} from './application.dto.js';
import { applicationEvent } from './application-event.js';
import { ApplicationReadService } from './application-read.service.js';
import { ApplicationRepository } from './application.repository.js';
import type {
  ApplicationAction,
  ApplicationRecord,
  ApplicationState,
  ApplicationView,
  StepDecision,
  TimelineStep,
} from './application.types.js';
import { authorise, maySee, pendingStep, PROVIDER_SIDE_STEPS, type Verb } from './application-workflow.js';
import { entryItems, grantTerms } from './grant-terms.js';

/** The longest validity an application may ask for. */
const MAX_VALIDITY_YEARS = 3;

/** What a decision changes: the next state, the event's action, and the grant when it grants. */
interface Outcome {
  state: ApplicationState;
  action: ApplicationAction;
  grant?: GrantTerms;
  target?: Partial<ApplicationRecord['target']>;
}

/**
 * 供需对接 — every write to an application: filing, each review step's decision, the provider's
 * answer to a request for uncatalogued data, contest and ruling, withdrawal. Each runs in the
 * caller's transaction, bumps the version by one and writes one `demand.application.v1` to the
 * outbox with the whole application and its timeline.
 */
@Injectable()
export class ApplicationService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly entries: EntryRefRepository,
    private readonly directory: EntryDirectory,
    private readonly organisations: OrganisationRefRepository,
    private readonly grounds: LegalGroundService,
    private readonly reads: ApplicationReadService,
    private readonly clock: BusinessClock,
    private readonly calendar: NodeCalendarService,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  private get thisNode(): string {
    return this.config.node.code;
  }

  /**
   * Before the filing's transaction: an entry named by the code of a node whose entries this node
   * does not keep (a ministry's, for a city) is looked up at that node — 404 when it has none to
   * share, 503 at once when it cannot be reached.
   */
  async prepareFiling(principal: Principal, body: FileApplicationBody): Promise<void> {
    this.assertApplicant(principal);
    if (body.target.kind === 'entry') await this.directory.refresh(body.target);
  }

  /** 线上申请 — files an application; one for an entry shared without conditions is granted at once. */
  async file(manager: EntityManager, principal: Principal, body: FileApplicationBody): Promise<ApplicationView> {
    this.assertApplicant(principal);
    const today = this.clock.today();
    checkValidity(body.validUntil, today);
    const applicantOrg = await this.organisations.find(manager, principal.organisationId);
    const now = this.clock.now().toISOString();
    const base = {
      id: randomUUID(),
      nodeCode: this.thisNode,
      version: 1,
      applicant: {
        organisationId: principal.organisationId,
        nodeCode: this.thisNode,
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
      changedAtNode: this.thisNode,
      receivedAt: null,
    };
    const actor = actorOf(principal);
    const filing: TimelineStep = {
      seq: 1,
      step: 'filing',
      openedAt: now,
      dueOn: null,
      decision: 'filed',
      decidedAt: now,
      actor,
      comment: null,
    };

    let app: ApplicationRecord;
    const timeline: TimelineStep[] = [filing];
    if (body.target.kind === 'entry') {
      const entry = await this.directory.find(manager, body.target);
      if (entry.sharingType === 'none') {
        throw GovdataError.rule(
          entryField(body.target),
          'not-shareable',
          `entry ${entry.code} is 不予共享 (${entry.sharingLegalBasis ?? 'no legal basis stated'}); it cannot be applied for`,
        );
      }
      if (entry.organisationId === principal.organisationId && entry.nodeCode === this.thisNode) {
        throw GovdataError.rule(
          entryField(body.target),
          'own-entry',
          `entry ${entry.code} is your own organisation's data`,
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
      const providerNode = body.target.providerNode ?? this.thisNode;
      const providerOrganisationId = body.target.providerOrganisationId;
      if (providerOrganisationId === principal.organisationId && providerNode === this.thisNode) {
        throw GovdataError.rule('target.providerOrganisationId', 'other-organisation', 'apply to another organisation');
      }
      if (providerNode === this.thisNode) {
        const provider = await this.organisations.find(manager, providerOrganisationId);
        if (!provider || !provider.active || provider.nodeCode !== this.thisNode) {
          throw GovdataError.rule(
            'target.providerOrganisationId',
            'known-organisation',
            `organisation ${providerOrganisationId} is not an active organisation of node ${this.thisNode}`,
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
    if (app.state === 'department-review') timeline.push(await this.openStep(manager, app, 2, now));

    await this.applications.insert(manager, app);
    for (const step of timeline) await this.applications.insertStep(manager, app.id, step);
    await this.publish(manager, app.lastAction, app, timeline);
    return this.reads.view(app, timeline);
  }

  /** A decision by whoever holds the step: approve, reject, answer, contest, rule on a contest, withdraw. */
  async decide(
    manager: EntityManager,
    principal: Principal,
    id: string,
    verb: Verb,
    body: ApproveBody | RejectBody | AnswerBody | ContestBody | ContestDecisionBody | WithdrawBody | RevokeBody,
  ): Promise<ApplicationView> {
    const app = await this.applications.lock(manager, id);
    if (!app || !maySee(principal, app, this.thisNode)) throw GovdataError.notFound('application', id);
    const timeline = await this.applications.steps(manager, id);
    const step = authorise(verb, principal, app, timeline, this.thisNode);
    const now = this.clock.now().toISOString();
    const today = this.clock.today();
    const actor = actorOf(principal);
    const open = timeline.find((s) => s.decision === null);
    const added: TimelineStep[] = [];
    let nextSeq = Math.max(0, ...timeline.map((s) => s.seq)) + 1;
    const decideOpen = async (decision: StepDecision, extra: Omit<Partial<TimelineStep>, 'decision'> = {}) => {
      if (!open) return;
      const decided = { actor, comment: null, ...extra, decision, decidedAt: now };
      await this.applications.decideStep(manager, id, open.seq, decided);
      Object.assign(open, decided);
    };

    let outcome: Outcome;
    switch (verb) {
      case 'approve': {
        const input = body as ApproveBody;
        if (step !== 'provider-review' && (input.terms || input.referToAuthority !== undefined)) {
          throw GovdataError.rule(
            input.terms ? 'terms' : 'referToAuthority',
            'provider-review-only',
            'grant terms and the referral to the authority are set in the provider review',
          );
        }
        if (step === 'department-review') {
          await decideOpen('approved', { comment: input.comment ?? null });
          outcome = {
            state: app.target.kind === 'entry' ? 'provider-review' : 'awaiting-registration',
            action: 'step-approved',
          };
        } else if (step === 'provider-review') {
          const entry = await this.shareableEntry(manager, app);
          const terms = grantTerms(app, entry, input.terms, today);
          const referred = input.referToAuthority === true || entry.gradeCategory === 'important';
          await decideOpen('approved', { comment: input.comment ?? null, terms });
          outcome = referred
            ? { state: 'authority-review', action: 'step-approved' }
            : { state: 'granted', action: 'granted', grant: terms };
        } else {
          await this.shareableEntry(manager, app);
          const proposal = proposedTerms(timeline);
          await decideOpen('approved', { comment: input.comment ?? null });
          outcome = { state: 'granted', action: 'granted', grant: { ...proposal, validFrom: today } };
        }
        break;
      }
      case 'reject': {
        const input = body as RejectBody;
        const fields: Omit<Partial<TimelineStep>, 'decision'> = { comment: input.comment ?? null };
        if (PROVIDER_SIDE_STEPS.has(step)) {
          const ground = await this.grounds.citable(manager, input.groundCode);
          Object.assign(fields, { groundCode: ground.code, groundTitle: ground.title });
        } else {
          if (!input.comment) {
            throw GovdataError.rule('comment', 'required', 'say why the department does not approve the application');
          }
          if (input.groundCode) {
            const ground = await this.grounds.citable(manager, input.groundCode);
            Object.assign(fields, { groundCode: ground.code, groundTitle: ground.title });
          }
        }
        await decideOpen('rejected', fields);
        outcome = { state: 'rejected', action: 'rejected' };
        break;
      }
      case 'answer': {
        const input = body as AnswerBody;
        const entry = await this.entries.find(manager, input.entryId);
        if (
          !entry ||
          entry.retired ||
          entry.nodeCode !== app.target.providerNode ||
          entry.organisationId !== app.target.providerOrganisationId
        ) {
          throw GovdataError.rule(
            'entryId',
            'provider-entry',
            `answer with a published entry of organisation ${app.target.providerOrganisationId} (register and publish it in the catalog first)`,
          );
        }
        if (entry.sharingType === 'none') {
          throw GovdataError.rule(
            'entryId',
            'not-shareable',
            `entry ${entry.code} is 不予共享; refuse the application with a legal ground instead`,
          );
        }
        await decideOpen('answered', { comment: input.comment ?? `已编目：${entry.code} ${entry.name}` });
        const target = { kind: 'entry' as const, entryId: entry.entryId, entryCode: entry.code, entryName: entry.name };
        if (entry.sharingType === 'unconditional') {
          const grant = grantTerms({ ...app, target: { ...app.target, ...target } }, entry, undefined, today);
          outcome = { state: 'granted', action: 'granted', grant, target };
        } else {
          outcome = { state: 'provider-review', action: 'answered', target };
        }
        break;
      }
      case 'contest': {
        const input = body as ContestBody;
        added.push({
          seq: nextSeq++,
          step: 'contest',
          openedAt: now,
          dueOn: null,
          decision: 'filed',
          decidedAt: now,
          actor,
          comment: input.comment,
        });
        outcome = { state: 'contested', action: 'contested' };
        break;
      }
      case 'decide-contest': {
        const input = body as ContestDecisionBody;
        if (input.decision === 'uphold') {
          await decideOpen('upheld', { comment: input.comment });
          outcome = { state: 'rejected', action: 'contest-decided' };
        } else if (app.target.kind === 'uncatalogued') {
          // The provider must register the data after all.
          await decideOpen('overturned', { comment: input.comment });
          outcome = { state: 'awaiting-registration', action: 'contest-decided' };
        } else {
          const entry = await this.shareableEntry(manager, app);
          const proposal = proposedTermsOrNull(timeline);
          const grant = input.terms
            ? grantTerms(app, entry, input.terms, today)
            : proposal
              ? { ...proposal, validFrom: today }
              : grantTerms(app, entry, undefined, today);
          await decideOpen('overturned', { comment: input.comment, terms: grant });
          outcome = { state: 'granted', action: 'granted', grant };
        }
        break;
      }
      case 'withdraw': {
        const input = body as WithdrawBody;
        await decideOpen('withdrawn', { comment: input.comment ?? null });
        added.push({
          seq: nextSeq++,
          step: 'withdrawal',
          openedAt: now,
          dueOn: null,
          decision: 'withdrawn',
          decidedAt: now,
          actor,
          comment: input.comment ?? null,
        });
        outcome = { state: 'withdrawn', action: 'withdrawn' };
        break;
      }
      case 'revoke': {
        // 撤销授权: the provider's exchange ends the grant when this change reaches it (here, and at
        // the applicant's node for its copy); calls under it are refused from then on.
        const input = body as RevokeBody;
        const ground = await this.grounds.citable(manager, input.groundCode);
        added.push({
          seq: nextSeq++,
          step: 'revocation',
          openedAt: now,
          dueOn: null,
          decision: 'revoked',
          decidedAt: now,
          actor,
          groundCode: ground.code,
          groundTitle: ground.title,
          comment: input.comment ?? null,
        });
        outcome = { state: 'revoked', action: 'revoked' };
        break;
      }
    }

    const next: ApplicationRecord = {
      ...app,
      version: app.version + 1,
      state: outcome.state,
      lastAction: outcome.action,
      target: { ...app.target, ...outcome.target },
      grant: outcome.grant ?? null,
      changedAt: now,
      changedAtNode: this.thisNode,
      receivedAt: null,
    };
    if (outcome.grant) added.push(grantStep(nextSeq++, now, actor, outcome.grant, null));
    if (pendingStep(next)) added.push(await this.openStep(manager, next, nextSeq, now));
    for (const s of added) await this.applications.insertStep(manager, id, s);
    await this.applications.update(manager, next);
    const all = [...timeline, ...added];
    await this.publish(manager, outcome.action, next, all);
    return this.reads.view(next, all);
  }

  /**
   * 到期 — a grant of this node's data whose validity has ended: the application becomes expired
   * (the terms stay on the timeline's grant step) and the event tells the exchange to stop.
   */
  async expire(manager: EntityManager, app: ApplicationRecord): Promise<ApplicationView> {
    const timeline = await this.applications.steps(manager, app.id);
    const now = this.clock.now().toISOString();
    const step: TimelineStep = {
      seq: Math.max(0, ...timeline.map((s) => s.seq)) + 1,
      step: 'expiry',
      openedAt: now,
      dueOn: app.grant?.validUntil ?? app.validUntil,
      decision: 'expired',
      decidedAt: now,
      actor: null,
      comment: `授权有效期至 ${app.grant?.validUntil ?? app.validUntil}，已到期`,
    };
    const next: ApplicationRecord = {
      ...app,
      version: app.version + 1,
      state: 'expired',
      lastAction: 'expired',
      grant: null,
      changedAt: now,
      changedAtNode: this.thisNode,
      receivedAt: null,
    };
    await this.applications.insertStep(manager, app.id, step);
    await this.applications.update(manager, next);
    const all = [...timeline, step];
    await this.publish(manager, 'expired', next, all);
    return this.reads.view(next, all);
  }

  private assertApplicant(principal: Principal): void {
    const own = { nodeCode: this.thisNode, organisationId: principal.organisationId };
    if (!can(principal, 'demand.application.file', own)) {
      throw GovdataError.forbidden(`filing an application needs the demand-applicant role at node ${this.thisNode}`);
    }
  }

  /** The entry a provider-side decision grants: still published here and shareable. */
  private async shareableEntry(manager: EntityManager, app: ApplicationRecord): Promise<EntryRef> {
    const entry = app.target.entryId ? await this.entries.find(manager, app.target.entryId) : null;
    if (!entry || entry.retired || entry.sharingType === 'none') {
      throw GovdataError.rule(
        'target.entryId',
        'entry-shareable',
        `entry ${app.target.entryCode ?? app.target.entryId} is no longer published for sharing on node ${this.thisNode}; refuse with a legal ground`,
      );
    }
    return entry;
  }

  /** The next pending step with its assignee and its working-day due date (marked when provisional). */
  private async openStep(
    manager: EntityManager,
    app: ApplicationRecord,
    seq: number,
    now: string,
  ): Promise<TimelineStep> {
    const pending = pendingStep(app)!;
    const due = await this.calendar.dueIn(manager, STEP_WORKING_DAYS[pending.step as ClockedStep], this.clock.today());
    return {
      seq,
      step: pending.step,
      assignee: pending.assignee,
      openedAt: now,
      dueOn: due.dueOn,
      ...(due.provisional ? { provisional: true } : {}),
      decision: null,
      decidedAt: null,
      actor: null,
    };
  }

  private async publish(
    manager: EntityManager,
    action: ApplicationAction,
    app: ApplicationRecord,
    timeline: readonly TimelineStep[],
  ): Promise<void> {
    await this.publisher.publish(manager, {
      type: 'demand.application.v1',
      subject: app.id,
      data: applicationEvent(action, app, timeline),
    });
  }
}

function actorOf(principal: Principal): NonNullable<TimelineStep['actor']> {
  return {
    subject: principal.subject,
    organisationId: principal.organisationId,
    nodeCode: principal.nodeCode,
    ...(principal.name ? { name: principal.name } : {}),
  };
}

function grantStep(
  seq: number,
  now: string,
  actor: TimelineStep['actor'],
  grant: GrantTerms,
  comment: string | null,
): TimelineStep {
  return {
    seq,
    step: 'grant',
    openedAt: now,
    dueOn: null,
    decision: 'granted',
    decidedAt: now,
    actor,
    comment,
    terms: grant,
  };
}

/** The terms of the latest approving provider review. */
function proposedTermsOrNull(timeline: readonly TimelineStep[]): GrantTerms | null {
  const review = [...timeline].reverse().find((s) => s.step === 'provider-review' && s.decision === 'approved');
  return (review?.terms as GrantTerms | undefined) ?? null;
}

function proposedTerms(timeline: readonly TimelineStep[]): GrantTerms {
  const terms = proposedTermsOrNull(timeline);
  if (!terms) throw new GovdataError(ErrorCode.Internal, 'the provider review left no grant terms');
  return terms;
}

/** 使用期限: after today, at most three years ahead. */
function checkValidity(validUntil: string, today: string): void {
  const problems: FieldProblem[] = [];
  if (validUntil <= today) {
    problems.push({ path: 'validUntil', rule: 'future-date', message: `must be after today (${today})` });
  }
  const limit = `${Number(today.slice(0, 4)) + MAX_VALIDITY_YEARS}${today.slice(4)}`;
  if (validUntil > limit) {
    problems.push({
      path: 'validUntil',
      rule: 'max-validity',
      message: `at most ${MAX_VALIDITY_YEARS} years ahead (${limit}); apply again to renew`,
    });
  }
  if (problems.length > 0) throw new GovdataError(ErrorCode.RuleViolated, problems[0]!.message, problems);
}
