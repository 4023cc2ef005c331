import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';
import { AnswerApplicationUseCase } from './applications/answer-application.usecase.js';
import { ApplicationChanges } from './applications/application-changes.js';
import { ApplicationEventsController } from './applications/application-events.controller.js';
import { ApplicationExpiryService } from './applications/application-expiry.service.js';
import { ApplicationReadService } from './applications/application-read.service.js';
import { ApplicationRepository } from './applications/application.repository.js';
import { ApplicationsController } from './applications/applications.controller.js';
import { ApplyApplicationCopyUseCase } from './applications/apply-application-copy.usecase.js';
import { ApproveApplicationUseCase } from './applications/approve-application.usecase.js';
import { ContestRefusalUseCase } from './applications/contest-refusal.usecase.js';
import { ExpireApplicationUseCase } from './applications/expire-application.usecase.js';
import { RejectApplicationUseCase } from './applications/reject-application.usecase.js';
import { RevokeApplicationUseCase } from './applications/revoke-application.usecase.js';
import { RuleOnContestUseCase } from './applications/rule-on-contest.usecase.js';
import { SubmitApplicationUseCase } from './applications/submit-application.usecase.js';
import { WithdrawApplicationUseCase } from './applications/withdraw-application.usecase.js';
import { CalendarEventsController } from './calendar/calendar-events.controller.js';
import { CalendarStandardsService } from './calendar/calendar-standards.service.js';
import { DemandCalendarYearRepository } from './calendar/calendar-year.repository.js';
import { NodeCalendarService } from './calendar/node-calendar.service.js';
import { BusinessClock } from './clocks/business-clock.js';
import { OrganisationEventsController } from './directory/organisation-events.controller.js';
import { OrganisationRefRepository } from './directory/organisation-ref.repository.js';
import { EntryDirectory } from './ledger/entry-directory.service.js';
import { EntryEventsController } from './ledger/entry-events.controller.js';
import { EntryLookupClient } from './ledger/entry-lookup.client.js';
import { EntryRefRepository } from './ledger/entry-ref.repository.js';
import { LegalGroundRepository } from './legal-grounds/legal-ground.repository.js';
import { LegalGroundService } from './legal-grounds/legal-ground.service.js';
import { LegalGroundsController } from './legal-grounds/legal-grounds.controller.js';
import { CreateDemand1766100000000 } from './migrations/1766100000000-create-demand.js';
import { AddEntryRefLookup1766600000000 } from './migrations/1766600000000-add-entry-ref-lookup.js';
import { SimplifiedLegalGrounds1767700000000 } from './migrations/1767700000000-simplified-legal-grounds.js';
import { AddRevocation1766600100000 } from './migrations/1766600100000-add-revocation.js';
import { NodeCalendar1767800000000 } from './migrations/1767800000000-node-calendar.js';

/**
 * 数据供需对接系统 — demand matching: applications for catalogued and uncatalogued data, the review
 * workflow on working-day clocks, refusals on legal grounds, contests, grants; one application
 * record shared by the applicant's and the provider's nodes.
 */
@Module({
  controllers: [
    ApplicationsController,
    LegalGroundsController,
    ApplicationEventsController,
    EntryEventsController,
    OrganisationEventsController,
    CalendarEventsController,
  ],
  providers: [
    BusinessClock,
    DemandCalendarYearRepository,
    NodeCalendarService,
    CalendarStandardsService,
    OrganisationRefRepository,
    EntryRefRepository,
    EntryLookupClient,
    EntryDirectory,
    LegalGroundRepository,
    LegalGroundService,
    ApplicationRepository,
    ApplicationReadService,
    ApplicationChanges,
    // one use case per write to an application
    SubmitApplicationUseCase,
    ApproveApplicationUseCase,
    RejectApplicationUseCase,
    AnswerApplicationUseCase,
    ContestRefusalUseCase,
    RuleOnContestUseCase,
    WithdrawApplicationUseCase,
    RevokeApplicationUseCase,
    ExpireApplicationUseCase,
    ApplyApplicationCopyUseCase,
    ApplicationExpiryService,
  ],
})
export class DemandModule {}

export const demandService: ServiceDefinition = {
  name: 'demand',
  imports: [DemandModule],
  persistence: {
    migrations: [
      CreateDemand1766100000000,
      AddEntryRefLookup1766600000000,
      AddRevocation1766600100000,
      SimplifiedLegalGrounds1767700000000,
      NodeCalendar1767800000000,
      // later migrations follow, in timestamp order
    ],
  },
};
