import { Global, Module } from '@nestjs/common';
import { CATALOG_MOUNTS_V1, CATALOG_V1, ROUTED_DELIVERY_V1 } from '@govdata/contracts';
import type { ServiceDefinition } from '@govdata/platform-service';
import { ClassificationEntity } from './classification/classification.entity.js';
import { ClassificationModule } from './classification/classification.module.js';
import { GradePolicyEntity } from './classification/grade-policy.entity.js';
import { ClocksModule } from './clocks/clocks.module.js';
import { DeadlineClockEntryHook } from './clocks/deadline-clock-entry.hook.js';
import { DeadlineSettingsEntity } from './clocks/deadline-settings.entity.js';
import { EntriesModule } from './entries/entries.module.js';
import { ENTRY_WRITE_HOOKS, type EntryWriteHook } from './entries/entry-hooks.js';
import { ExcelModule } from './excel/excel.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { CreateCatalogEntries1763900000000 } from './migrations/1763900000000-create-catalog-entries.js';
import { CreateCatalogImport1763900200000 } from './migrations/1763900200000-create-catalog-import.js';
import { CreateClocks1763900400000 } from './migrations/1763900400000-create-clocks.js';
import { CreateEntrySearch1763900100000 } from './migrations/1763900100000-create-entry-search.js';
import { CreateGradePolicy1763900500000 } from './migrations/1763900500000-create-grade-policy.js';
import { CreateOrganisationRef1763856100000 } from './migrations/1763856100000-create-organisation-ref.js';
import { CreateReplicaEntry1764100000000 } from './migrations/1764100000000-create-replica-entry.js';
import { CreateStandards1765100000000 } from './migrations/1765100000000-create-standards.js';
import { CreateSystemsMountsSources1763900300000 } from './migrations/1763900300000-create-systems-mounts-sources.js';
import { FoldScripts1767300000000 } from './migrations/1767300000000-fold-scripts.js';
import { ProvisionalDueDates1767212000000 } from './migrations/1767212000000-provisional-due-dates.js';
import { SimplifiedCodeTables1767700000000 } from './migrations/1767700000000-simplified-code-tables.js';
import { DataSourceEntity } from './mounts/data-source.entity.js';
import { InformationSystemEntity } from './systems/information-system.entity.js';
import { CatalogImportEntity } from './excel/catalog-import.entity.js';
import { OrganisationRefEntity } from './organisation-directory/organisation-ref.entity.js';
import { MountsModule } from './mounts/mounts.module.js';
import { OrganisationDirectoryModule } from './organisation-directory/organisation-directory.module.js';
import { EntrySearchHook } from './search/entry-search.hook.js';
import { SearchModule } from './search/search.module.js';
import { OneSourceHook } from './sources/one-source.hook.js';
import { SourcesModule } from './sources/sources.module.js';
import { StandardsModule } from './standards/standards.module.js';
import { EntrySystemHook } from './systems/entry-system.hook.js';
import { SystemsModule } from './systems/systems.module.js';

/**
 * What follows every entry write, in this order, inside the write's transaction (a hook that fails
 * rolls the write back):
 * 1. the search index takes the entry's new state;
 * 2. 一数一源 — a submission is compared with other providers' entries and flagged, never refused;
 * 3. the deadline clocks start, stop or settle;
 * 4. the information system the entry names must be one of its provider's (422 otherwise).
 */
export const ENTRY_WRITE_HOOK_ORDER = [
  EntrySearchHook,
  OneSourceHook,
  DeadlineClockEntryHook,
  EntrySystemHook,
] as const;

/** Provides {@link ENTRY_WRITE_HOOKS} to `EntryHooks`: the hooks of {@link ENTRY_WRITE_HOOK_ORDER}, in order. */
@Global()
@Module({
  imports: [SearchModule, SourcesModule, ClocksModule, SystemsModule],
  providers: [
    {
      provide: ENTRY_WRITE_HOOKS,
      useFactory: (...hooks: EntryWriteHook[]): readonly EntryWriteHook[] => hooks,
      inject: [...ENTRY_WRITE_HOOK_ORDER],
    },
  ],
  exports: [ENTRY_WRITE_HOOKS],
})
export class EntryWriteHooksModule {}

/**
 * The feature modules of the catalog, in the order their routes are registered (Nest registers a
 * module's routes when it first meets the module, depth first). Route precedence: MountsModule comes
 * first — before EntriesModule and every module that imports it — so `/entries/:id/mounts` is
 * always the mounts controller's, whatever routes entries add under `/entries/:idOrCode/…`.
 */
export const CATALOG_FEATURE_MODULES = [
  MountsModule,
  OrganisationDirectoryModule,
  EntriesModule,
  ClassificationModule,
  ClocksModule,
  SearchModule,
  SystemsModule,
  SourcesModule,
  ExcelModule,
  LedgerModule,
  StandardsModule,
] as const;

/** 资源目录管理系统 — the government data catalog (政务数据目录): one module per feature folder. */
@Module({ imports: [...CATALOG_FEATURE_MODULES, EntryWriteHooksModule] })
export class CatalogModule {}

export const catalogService: ServiceDefinition = {
  name: 'catalog',
  imports: [CatalogModule],
  grpcServices: [CATALOG_V1, CATALOG_MOUNTS_V1, ROUTED_DELIVERY_V1],
  persistence: {
    entities: [
      ClassificationEntity,
      GradePolicyEntity,
      DeadlineSettingsEntity,
      DataSourceEntity,
      InformationSystemEntity,
      CatalogImportEntity,
      OrganisationRefEntity,
    ],
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
