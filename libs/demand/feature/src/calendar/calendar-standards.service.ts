import { Inject, Injectable } from '@nestjs/common';
import type { StandardBodies, StandardEventV1 } from '@govdata/contracts';
import { LOGGER } from '@govdata/platform-service';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { ApplicationRepository } from '../applications/application.repository.js';
import { businessDate } from '../clocks/business-clock.js';
import { STEP_WORKING_DAYS, type ClockedStep } from '../clocks/step-deadlines.js';
import { NodeCalendarService } from './node-calendar.service.js';

/**
 * One calendar per node: a holiday notice the node's catalog puts in force (loaded here, or
 * inherited from an ancestor down the standards stream) is kept for demand too, and every undecided
 * step whose due date was provisional is recounted on it.
 */
@Injectable()
export class CalendarStandardsService {
  constructor(
    private readonly calendar: NodeCalendarService,
    private readonly applications: ApplicationRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async receive(manager: EntityManager, event: StandardEventV1): Promise<void> {
    const { standard } = event;
    // A withdrawn notice stays in force in the catalog (the year becomes a local one): likewise here.
    if (standard.kind !== 'calendar-year' || event.action !== 'upsert') return;
    const body = standard.body as StandardBodies['calendar-year'];
    if (!(await this.calendar.keep(manager, standard.origin, standard.version, body))) return;
    const recounted = await this.recountProvisional(manager);
    this.logger.info(
      { year: body.year, notice: body.notice, origin: standard.origin, recounted },
      'holiday notice in force for demand; provisional step due dates recounted',
    );
  }

  private async recountProvisional(manager: EntityManager): Promise<number> {
    let recounted = 0;
    for (const { applicationId, step } of await this.applications.openStepsWithProvisionalDue(manager)) {
      const days = STEP_WORKING_DAYS[step.step as ClockedStep];
      if (days === undefined) continue;
      const due = await this.calendar.dueIn(manager, days, businessDate(new Date(step.openedAt)));
      await this.applications.setStepDue(manager, applicationId, step.seq, due.dueOn, due.provisional);
      recounted++;
    }
    return recounted;
  }
}
