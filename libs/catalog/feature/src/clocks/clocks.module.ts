import { forwardRef, Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module.js';
import { StandardsModule } from '../standards/standards.module.js';
import { BusinessClock } from './business-clock.js';
import { CalendarYearRepository } from './calendar-year.repository.js';
import { CatalogCalendarService } from './catalog-calendar.service.js';
import { ClockSettingsController } from './clock-settings.controller.js';
import { DeadlineClockEntryHook } from './deadline-clock-entry.hook.js';
import { DeadlineClockRepository } from './deadline-clock.repository.js';
import { DeadlineClockService } from './deadline-clock.service.js';
import { DeadlineClocksController } from './deadline-clocks.controller.js';
import { DeadlineSettingsRepository } from './deadline-settings.repository.js';
import { DeadlineSettingsService } from './deadline-settings.service.js';
import { ReviewCampaignRepository } from './review-campaign.repository.js';
import { ReviewCampaignService } from './review-campaign.service.js';
import { ReviewCampaignsController } from './review-campaigns.controller.js';
import { ChangeDeadlineSettingsUseCase } from './change-deadline-settings.usecase.js';
import { CloseRegistrationClockUseCase } from './close-registration-clock.usecase.js';
import { ConfirmReReviewUseCase } from './confirm-re-review.usecase.js';
import { LoadCalendarYearUseCase } from './load-calendar-year.usecase.js';
import { OpenReviewCampaignUseCase } from './open-review-campaign.usecase.js';
import { StartClockUseCase } from './start-clock.usecase.js';

/** 时限 — working-day deadline clocks, the node's deadline settings and calendar, review campaigns. */
@Module({
  imports: [forwardRef(() => EntriesModule), forwardRef(() => StandardsModule)],
  controllers: [ClockSettingsController, DeadlineClocksController, ReviewCampaignsController],
  providers: [
    BusinessClock,
    CalendarYearRepository,
    CatalogCalendarService,
    DeadlineSettingsRepository,
    DeadlineSettingsService,
    DeadlineClockRepository,
    DeadlineClockService,
    DeadlineClockEntryHook,
    ReviewCampaignRepository,
    ReviewCampaignService,
    StartClockUseCase,
    CloseRegistrationClockUseCase,
    ChangeDeadlineSettingsUseCase,
    LoadCalendarYearUseCase,
    OpenReviewCampaignUseCase,
    ConfirmReReviewUseCase,
  ],
  exports: [
    CalendarYearRepository,
    CatalogCalendarService,
    DeadlineSettingsService,
    DeadlineClockService,
    DeadlineClockEntryHook,
    ReviewCampaignService,
  ],
})
export class ClocksModule {}
