import { Module } from '@nestjs/common';
import { CATALOG_V1, ROUTED_DELIVERY_V1 } from '@govdata/contracts';
import { CredentialVault, outboundPolicyProvider, type ServiceDefinition } from '@govdata/platform-service';
import { BusinessClock } from './clocks/business-clock.js';
import { CalendarYearRepository } from './clocks/calendar-year.repository.js';
import { CatalogCalendarService } from './clocks/catalog-calendar.service.js';
import { ClockSettingsController } from './clocks/clock-settings.controller.js';
import { DeadlineClockEntryHook } from './clocks/deadline-clock-entry.hook.js';
import { DeadlineClockRepository } from './clocks/deadline-clock.repository.js';
import { DeadlineClockService } from './clocks/deadline-clock.service.js';
import { DeadlineClocksController } from './clocks/deadline-clocks.controller.js';
import { DeadlineSettingsRepository } from './clocks/deadline-settings.repository.js';
import { DeadlineSettingsService } from './clocks/deadline-settings.service.js';
import { ReviewCampaignRepository } from './clocks/review-campaign.repository.js';
import { ReviewCampaignService } from './clocks/review-campaign.service.js';
import { ReviewCampaignsController } from './clocks/review-campaigns.controller.js';
import { ClassificationController } from './classification/classification.controller.js';
import { ClassificationRepository } from './classification/classification.repository.js';
import { GradePolicyRepository } from './classification/grade-policy.repository.js';
import { CatalogGrpcController } from './entries/catalog.grpc.controller.js';
import { DemoCatalogSeeder } from './demo/demo-catalog.seeder.js';
import { EntriesController } from './entries/entries.controller.js';
import { EntryLookupService } from './entries/entry-lookup.service.js';
import { CatalogRoutedDeliveryGrpcController } from './entries/routed-delivery.grpc.controller.js';
import { EntryHooks } from './entries/entry-hooks.js';
import { EntryRepository } from './entries/entry.repository.js';
import { EntryLifecycleService } from './entries/entry-lifecycle.service.js';
import { EntryReadService } from './entries/entry-read.service.js';
import { CreateCatalogEntries1763900000000 } from './migrations/1763900000000-create-catalog-entries.js';
import { CreateGradePolicy1763900500000 } from './migrations/1763900500000-create-grade-policy.js';
import { CreateClocks1763900400000 } from './migrations/1763900400000-create-clocks.js';
import { CreateEntrySearch1763900100000 } from './migrations/1763900100000-create-entry-search.js';
import { CreateOrganisationRef1763856100000 } from './migrations/1763856100000-create-organisation-ref.js';
import { OrganisationEventsController } from './organisation-directory/organisation-events.controller.js';
import { OrganisationRefRepository } from './organisation-directory/organisation-ref.repository.js';
import { ProvidersController } from './organisation-directory/providers.controller.js';
import { CatalogSearchService } from './search/catalog-search.service.js';
import { EntrySearchIndexer } from './search/entry-search.indexer.js';
import { EntrySearchRepository } from './search/entry-search.repository.js';
import { SearchController } from './search/search.controller.js';

import { DataSourceRepository } from './mounts/data-source.repository.js';
import { DataSourceService } from './mounts/data-source.service.js';
import { DataSourcesController } from './mounts/data-sources.controller.js';
import { EntryMountRepository } from './mounts/entry-mount.repository.js';
import { EntryMountService } from './mounts/entry-mount.service.js';
import { EntryMountsController } from './mounts/entry-mounts.controller.js';
import { PostgresTableProbe } from './mounts/postgres-table-probe.js';
import { CreateSystemsMountsSources1763900300000 } from './migrations/1763900300000-create-systems-mounts-sources.js';
import { OneSourceHook } from './sources/one-source.hook.js';
import { SourceConflictRepository } from './sources/source-conflict.repository.js';
import { SourceConflictService } from './sources/source-conflict.service.js';
import { SourceConflictsController } from './sources/source-conflicts.controller.js';
import { SourceFingerprintRepository } from './sources/source-fingerprint.repository.js';
import { EntrySystemHook } from './systems/entry-system.hook.js';
import { InformationSystemRepository } from './systems/information-system.repository.js';
import { InformationSystemService } from './systems/information-system.service.js';
import { SystemsController } from './systems/systems.controller.js';
import { ExcelController } from './excel/excel.controller.js';
import { ExcelExportService } from './excel/excel-export.service.js';
import { ExcelImportService } from './excel/excel-import.service.js';
import { ExcelRepository } from './excel/excel.repository.js';
import { CreateCatalogImport1763900200000 } from './migrations/1763900200000-create-catalog-import.js';
import { CreateReplicaEntry1764100000000 } from './migrations/1764100000000-create-replica-entry.js';
import { LedgerController } from './ledger/ledger.controller.js';
import { LedgerService } from './ledger/ledger.service.js';
import { ReplicaEntryRepository } from './ledger/replica-entry.repository.js';
import { ReplicaEventsController } from './ledger/replica-events.controller.js';
import { ReplicaProjectionService } from './ledger/replica-projection.service.js';
import { CreateStandards1765100000000 } from './migrations/1765100000000-create-standards.js';
import { ProvisionalDueDates1767212000000 } from './migrations/1767212000000-provisional-due-dates.js';
import { SimplifiedCodeTables1767700000000 } from './migrations/1767700000000-simplified-code-tables.js';
import { FoldScripts1767300000000 } from './migrations/1767300000000-fold-scripts.js';
import { DataElementRepository } from './standards/data-element.repository.js';
import { DataElementService } from './standards/data-element.service.js';
import { DataElementsController } from './standards/data-elements.controller.js';
import { InheritedStandardsService } from './standards/inherited-standards.service.js';
import { StandardEventsController } from './standards/standard-events.controller.js';
import { StandardIssuer } from './standards/standard-issuer.service.js';
import { StandardsController } from './standards/standards.controller.js';
import { StandardsRepository } from './standards/standards.repository.js';
/**
 * 资源目录管理系统 — the government data catalog (政务数据目录). One module; each feature folder
 * contributes its controllers and providers below.
 */
@Module({
  controllers: [
    OrganisationEventsController,
    ProvidersController,
    // Before EntriesController: its POST :idOrCode/:action would otherwise take POST :id/mounts.
    EntryMountsController,
    EntriesController,
    CatalogGrpcController,
    CatalogRoutedDeliveryGrpcController,
    ClassificationController,
    ClockSettingsController,
    DeadlineClocksController,
    ReviewCampaignsController,
    SearchController,
    SystemsController,
    DataSourcesController,
    SourceConflictsController,
    ExcelController,
    ReplicaEventsController,
    LedgerController,
    StandardsController,
    DataElementsController,
    StandardEventsController,
  ],
  providers: [
    OrganisationRefRepository,
    EntryHooks,
    EntryRepository,
    EntryLifecycleService,
    EntryReadService,
    EntryLookupService,
    ClassificationRepository,
    GradePolicyRepository,
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
    EntrySearchIndexer,
    EntrySearchRepository,
    CatalogSearchService,
    InformationSystemRepository,
    InformationSystemService,
    EntrySystemHook,
    CredentialVault,
    outboundPolicyProvider,
    PostgresTableProbe,
    DataSourceRepository,
    DataSourceService,
    EntryMountRepository,
    EntryMountService,
    SourceFingerprintRepository,
    SourceConflictRepository,
    OneSourceHook,
    SourceConflictService,
    ExcelRepository,
    ExcelImportService,
    ExcelExportService,
    DemoCatalogSeeder,
    ReplicaEntryRepository,
    ReplicaProjectionService,
    LedgerService,
    StandardsRepository,
    StandardIssuer,
    DataElementRepository,
    DataElementService,
    InheritedStandardsService,
  ],
})
export class CatalogModule {}

export const catalogService: ServiceDefinition = {
  name: 'catalog',
  imports: [CatalogModule],
  grpcServices: [CATALOG_V1, ROUTED_DELIVERY_V1],
  persistence: {
    migrations: [
      CreateOrganisationRef1763856100000,
      CreateCatalogEntries1763900000000,
      CreateEntrySearch1763900100000,
      CreateCatalogImport1763900200000,
      CreateSystemsMountsSources1763900300000,
      CreateClocks1763900400000,
      CreateGradePolicy1763900500000,
      CreateReplicaEntry1764100000000,
      CreateStandards1765100000000,
      ProvisionalDueDates1767212000000,
      FoldScripts1767300000000,
      SimplifiedCodeTables1767700000000,
      // later migrations follow, in timestamp order
    ],
  },
};
