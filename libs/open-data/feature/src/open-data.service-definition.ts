import { Module } from '@nestjs/common';
import { BusinessClock } from '@govdata/calendar';
import { CredentialVault, outboundPolicyProvider, type ServiceDefinition } from '@govdata/platform-service';
import { OpenAccessLimits } from './access/open-access-limits.js';
import { CkanActionController } from './ckan/ckan-action.controller.js';
import { CkanCatalogRepository } from './ckan/ckan-catalog.repository.js';
import { CatalogEntryEventsController } from './datasets/catalog-entry-events.controller.js';
import { DatasetRepository } from './datasets/dataset.repository.js';
import { DatasetViews } from './datasets/dataset-views.js';
import { DatasetsController } from './datasets/datasets.controller.js';
import { OpeningClock } from './datasets/opening-clock.js';
import { ReviewDatasetUseCase } from './datasets/review-dataset.usecase.js';
import { ReviewsController } from './datasets/reviews.controller.js';
import { DcatController } from './dcat/dcat.controller.js';
import { CreateOpenData1768100000000 } from './migrations/1768100000000-create-open-data.js';
import { CkanSearch1768100100000 } from './migrations/1768100100000-ckan-search.js';
import { OpenSnapshots1768100200000 } from './migrations/1768100200000-open-snapshots.js';
import { TableReader } from './rows/table-reader.js';
import { CatalogMountsClient } from './sources/catalog-mounts.client.js';
import { SnapshotRepository } from './snapshots/snapshot.repository.js';
import { SnapshotService } from './snapshots/snapshot.service.js';
import { SourcePools } from './sources/source-pools.js';
import { OpenStatisticsController } from './statistics/open-statistics.controller.js';
import { OpenStatisticsRepository } from './statistics/open-statistics.js';

/**
 * 数据开放系统 — open data for the public: the published catalog entries whose 开放属性 allows it,
 * opened after the node authority's opening review (开放审核), their tables served page by page and
 * downloaded whole, masked and withheld as the review decided.
 */
@Module({
  controllers: [
    DatasetsController,
    ReviewsController,
    OpenStatisticsController,
    CatalogEntryEventsController,
    DcatController,
    CkanActionController,
  ],
  providers: [
    BusinessClock,
    OpeningClock,
    CredentialVault,
    outboundPolicyProvider,
    SourcePools,
    CatalogMountsClient,
    TableReader,
    DatasetRepository,
    DatasetViews,
    ReviewDatasetUseCase,
    SnapshotRepository,
    SnapshotService,
    OpenAccessLimits,
    OpenStatisticsRepository,
    CkanCatalogRepository,
  ],
  // What the demo seed writes through (the demo's reviewer opens its sample datasets).
  exports: [DatasetRepository, CatalogMountsClient, ReviewDatasetUseCase],
})
export class OpenDataModule {}

export const openDataService: ServiceDefinition = {
  name: 'open-data',
  imports: [OpenDataModule],
  persistence: {
    migrations: [
      CreateOpenData1768100000000,
      CkanSearch1768100100000,
      OpenSnapshots1768100200000,
      // later migrations follow, in timestamp order
    ],
  },
};
