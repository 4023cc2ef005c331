import { Module } from '@nestjs/common';
import { CATALOG_V1 } from '@govdata/contracts';
import type { ServiceDefinition } from '@govdata/platform-service';
import { ClassificationController } from './classification/classification.controller.js';
import { ClassificationRepository } from './classification/classification.repository.js';
import { GradePolicyRepository } from './classification/grade-policy.repository.js';
import { CatalogGrpcController } from './entries/catalog.grpc.controller.js';
import { EntriesController } from './entries/entries.controller.js';
import { EntryHooks } from './entries/entry-hooks.js';
import { EntryRepository } from './entries/entry.repository.js';
import { EntryLifecycleService } from './entries/entry-lifecycle.service.js';
import { EntryReadService } from './entries/entry-read.service.js';
import { CreateCatalogEntries1763900000000 } from './migrations/1763900000000-create-catalog-entries.js';
import { CreateGradePolicy1763900500000 } from './migrations/1763900500000-create-grade-policy.js';
import { CreateOrganisationRef1763856100000 } from './migrations/1763856100000-create-organisation-ref.js';
import { OrganisationEventsController } from './organisation-directory/organisation-events.controller.js';
import { OrganisationRefRepository } from './organisation-directory/organisation-ref.repository.js';
import { ProvidersController } from './organisation-directory/providers.controller.js';

/**
 * 資源目錄管理系統 — the government data catalog (政務數據目錄). One module; each feature folder
 * contributes its controllers and providers below.
 */
@Module({
  controllers: [
    OrganisationEventsController,
    ProvidersController,
    EntriesController,
    CatalogGrpcController,
    ClassificationController,
    // search, excel, systems, clocks controllers follow
  ],
  providers: [
    OrganisationRefRepository,
    EntryHooks,
    EntryRepository,
    EntryLifecycleService,
    EntryReadService,
    ClassificationRepository,
    GradePolicyRepository,
    // search, excel, systems, clocks providers follow
  ],
})
export class CatalogModule {}

export const catalogService: ServiceDefinition = {
  name: 'catalog',
  imports: [CatalogModule],
  grpcServices: [CATALOG_V1],
  persistence: {
    migrations: [
      CreateOrganisationRef1763856100000,
      CreateCatalogEntries1763900000000,
      CreateGradePolicy1763900500000,
      // later migrations follow, in timestamp order
    ],
  },
};
