import { Inject, Injectable } from '@nestjs/common';
import { holdsNodeRole, organisationRoles, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { BusinessClock, businessDate } from '../clocks/business-clock.js';
import type { ApplicationListQuery } from './application.dto.js';
import { ApplicationRepository } from './application.repository.js';
import type { ApplicationRecord, ApplicationView, TimelineStep, TimelineStepView } from './application.types.js';
import { maySee, pendingStep } from './application-workflow.js';

/**
 * Reading applications: the applicant and provider organisations see the same application and
 * timeline (on their own nodes), the node's data-admin every application that involves the node;
 * anyone else is told it does not exist.
 */
@Injectable()
export class ApplicationReadService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly clock: BusinessClock,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async get(manager: EntityManager, principal: Principal, id: string): Promise<ApplicationView> {
    const app = await this.applications.find(manager, id);
    if (!app || !maySee(principal, app, this.config.node.code)) throw GovdataError.notFound('application', id);
    return this.view(app, await this.applications.steps(manager, id));
  }

  async list(
    manager: EntityManager,
    principal: Principal,
    query: ApplicationListQuery,
  ): Promise<{ items: ApplicationView[] }> {
    const thisNode = this.config.node.code;
    if (principal.nodeCode !== thisNode) return { items: [] };
    const apps = await this.applications.list(
      manager,
      {
        thisNode,
        organisationId: principal.organisationId,
        dataAdmin: holdsNodeRole(principal, 'data-admin', thisNode),
        roles: organisationRoles(principal, thisNode),
      },
      query,
    );
    const items: ApplicationView[] = [];
    for (const app of apps) items.push(this.view(app, await this.applications.steps(manager, app.id)));
    return { items };
  }

  /** The application as its readers see it: who must act next and by when, and the timeline with overdue steps. */
  view(app: ApplicationRecord, timeline: readonly TimelineStep[]): ApplicationView {
    const today = this.clock.today();
    const steps: TimelineStepView[] = timeline.map((s) => ({ ...s, overdue: overdue(s, today) }));
    // Who acts follows from the state; the due date from the step opened for it.
    const pending = pendingStep(app);
    const open = pending ? steps.findLast((s) => s.decision === null && s.step === pending.step) : undefined;
    return {
      ...app,
      turn: pending
        ? { ...pending.assignee, step: pending.step, dueOn: open?.dueOn ?? null, overdue: open?.overdue ?? false }
        : null,
      timeline: steps,
    };
  }
}

/** A step is overdue when it was decided after its due date, or is still open past it. */
function overdue(step: TimelineStep, today: string): boolean {
  if (!step.dueOn) return false;
  const day = step.decidedAt ? businessDate(new Date(step.decidedAt)) : today;
  return day > step.dueOn;
}
