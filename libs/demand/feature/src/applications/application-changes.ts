import { Inject, Injectable } from '@nestjs/common';
import type { GrantTerms } from '@govdata/contracts';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../clocks/business-clock.js';
import { NodeCalendarService } from '../calendar/node-calendar.service.js';
import { STEP_WORKING_DAYS, type ClockedStep } from '../clocks/step-deadlines.js';
import type { EntryRef } from '../ledger/entry-ref.js';
import { EntryRefRepository } from '../ledger/entry-ref.repository.js';
import type { LegalGround } from '../legal-grounds/legal-ground.repository.js';
import type { GrantTermsInput } from './application.dto.js';
import { ApplicationRule } from './application.exception.js';
import { applicationEvent } from './application-event.js';
import { ApplicationReadService } from './application-read.service.js';
import { ApplicationRepository, type StepDecisionRecord } from './application.repository.js';
import type {
  ApplicationAction,
  ApplicationRecord,
  ApplicationTarget,
  ApplicationView,
  TimelineStep,
} from './application.types.js';
import {
  authorise,
  pendingStep,
  type Allowed,
  type TermsSource,
  type Transition,
  type Verb,
} from './application-workflow.js';
import { grantTerms } from './grant-terms.js';

/** An application as a use case found it: locked, with its timeline. */
export interface Current {
  app: ApplicationRecord;
  timeline: TimelineStep[];
}

/** What the use case established for the row's effects. */
export interface Decision {
  comment: string | null;
  /** The legal ground cited (`cites`). */
  ground?: LegalGround;
  /** The grant's terms (`grant`, `terms-on-step`). */
  terms?: GrantTerms;
  /** The entry answered with (`retarget`). */
  target?: Partial<ApplicationTarget>;
}

/**
 * The steps every change to an application shares, so no use case writes them twice: finding and
 * locking the application and asking the workflow table whether the principal may take the verb;
 * executing a row's effects; opening a clocked step; storing the change and writing its
 * `demand.application.v1` to the outbox in the caller's transaction.
 */
@Injectable()
export class ApplicationChanges {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly entries: EntryRefRepository,
    private readonly reads: ApplicationReadService,
    private readonly clock: BusinessClock,
    private readonly calendar: NodeCalendarService,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  get thisNode(): string {
    return this.config.node.code;
  }

  /** Locks the application and checks the verb against the workflow table (404, 409, 403 otherwise). */
  async begin(
    manager: EntityManager,
    principal: Principal,
    id: string,
    verb: Verb,
  ): Promise<Current & { allowed: Allowed }> {
    const app = await this.applications.lock(manager, id);
    if (!app) throw GovdataError.notFound('application', id);
    const timeline = await this.applications.steps(manager, id);
    return { app, timeline, allowed: authorise(verb, principal, app, timeline, this.thisNode) };
  }

  /** Executes the row's effects, in the table's order, and returns the application as its readers now see it. */
  async take(
    manager: EntityManager,
    principal: Principal,
    { app, timeline }: Current,
    row: Transition,
    decision: Decision,
  ): Promise<ApplicationView> {
    const now = this.clock.now().toISOString();
    const actor = actorOf(principal);
    const open = timeline.find((s) => s.decision === null);
    const ground = decision.ground ? { groundCode: decision.ground.code, groundTitle: decision.ground.title } : {};
    let decided: StepDecisionRecord | undefined;
    const added: TimelineStep[] = [];
    let seq = nextSeq(timeline);
    const next: ApplicationRecord = {
      ...app,
      version: app.version + 1,
      state: row.to,
      lastAction: row.action,
      grant: null,
      changedAt: now,
      changedAtNode: this.thisNode,
      receivedAt: null,
    };
    for (const effect of row.effects) {
      switch (effect) {
        case 'decide-step':
          if (open) decided = { actor, comment: decision.comment, ...ground, decision: row.decision!, decidedAt: now };
          break;
        case 'terms-on-step':
          if (decided) decided.terms = required(decision.terms, row);
          break;
        case 'append-step':
          added.push({
            seq: seq++,
            step: row.appends!.step,
            openedAt: now,
            dueOn: null,
            decision: row.appends!.decision,
            decidedAt: now,
            actor,
            ...ground,
            comment: decision.comment,
          });
          break;
        case 'retarget':
          next.target = { ...next.target, ...decision.target };
          break;
        case 'grant':
          next.grant = required(decision.terms, row);
          added.push(grantStep(seq++, now, actor, next.grant, null));
          break;
        case 'open-step':
          added.push(await this.openStep(manager, next, seq++, now));
          break;
        case 'publish':
          if (decided && open) {
            await this.applications.decideStep(manager, app.id, open.seq, decided);
            Object.assign(open, decided);
          }
          for (const step of added) await this.applications.insertStep(manager, app.id, step);
          await this.applications.update(manager, next);
          await this.publish(manager, row.action, next, [...timeline, ...added]);
          break;
      }
    }
    return this.reads.view(next, [...timeline, ...added]);
  }

  /** The entry a provider-side decision grants: still published here and shareable. */
  async shareableEntry(manager: EntityManager, app: ApplicationRecord): Promise<EntryRef> {
    const entry = app.target.entryId ? await this.entries.find(manager, app.target.entryId) : null;
    if (!entry || entry.retired || entry.sharingType === 'none') {
      throw GovdataError.rule(
        'target.entryId',
        ApplicationRule.EntryShareable,
        `目录 ${app.target.entryCode ?? app.target.entryId} 已不在节点 ${this.thisNode} 上发布共享；请依据法律依据拒绝 (entry ${app.target.entryCode ?? app.target.entryId} is no longer published for sharing on node ${this.thisNode}; refuse with a legal ground)`,
      );
    }
    return entry;
  }

  /**
   * The terms a provider-side decision grants (or proposes), from the source the row names; the
   * entry must still be published for sharing here.
   */
  async grantFrom(
    manager: EntityManager,
    source: Exclude<TermsSource, 'entry-defaults'>,
    { app, timeline }: Current,
    input: GrantTermsInput | undefined,
  ): Promise<{ terms: GrantTerms; entry: EntryRef }> {
    const entry = await this.shareableEntry(manager, app);
    const today = this.clock.today();
    switch (source) {
      case 'reviewer':
        return { terms: grantTerms(app, entry, input, today), entry };
      case 'proposal': {
        const proposal = proposedTerms(timeline);
        if (!proposal)
          throw new GovdataError(
            ErrorCode.Internal,
            '提供方审核未留下授权条件 (the provider review left no grant terms)',
          );
        return { terms: { ...proposal, validFrom: today }, entry };
      }
      case 'ruling': {
        const proposal = proposedTerms(timeline);
        const terms = input
          ? grantTerms(app, entry, input, today)
          : proposal
            ? { ...proposal, validFrom: today }
            : grantTerms(app, entry, undefined, today);
        return { terms, entry };
      }
    }
  }

  /** The next pending step with its assignee and its working-day due date (marked when provisional). */
  async openStep(manager: EntityManager, app: ApplicationRecord, seq: number, now: string): Promise<TimelineStep> {
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

  /** Writes one `demand.application.v1` with the whole application and its timeline to the outbox. */
  async publish(
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

export function actorOf(principal: Principal): NonNullable<TimelineStep['actor']> {
  return {
    subject: principal.subject,
    organisationId: principal.organisationId,
    nodeCode: principal.nodeCode,
    ...(principal.name ? { name: principal.name } : {}),
  };
}

export function grantStep(
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

/** The sequence number of the next step. */
export function nextSeq(timeline: readonly TimelineStep[]): number {
  return Math.max(0, ...timeline.map((s) => s.seq)) + 1;
}

/** The terms of the latest approving provider review. */
function proposedTerms(timeline: readonly TimelineStep[]): GrantTerms | null {
  const review = [...timeline].reverse().find((s) => s.step === 'provider-review' && s.decision === 'approved');
  return (review?.terms as GrantTerms | undefined) ?? null;
}

function required(terms: GrantTerms | undefined, row: Transition): GrantTerms {
  if (!terms) throw new Error(`${row.from} ${row.verb} → ${row.to} needs grant terms`);
  return terms;
}
