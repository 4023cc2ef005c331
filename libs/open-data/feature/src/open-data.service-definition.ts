import { Module } from '@nestjs/common';
import { ROUTED_DELIVERY_V1 } from '@govdata/contracts';
import { BusinessClock } from '@govdata/calendar';
import { CredentialVault, outboundPolicyProvider, type ServiceDefinition } from '@govdata/platform-service';
import { OpenAccessLimits } from './access/open-access-limits.js';
import { ApplicationViews } from './applications/application-views.js';
import { ApplicationsController } from './applications/applications.controller.js';
import { MyApplicationsController } from './applications/my-applications.controller.js';
import { OpenApplicationRepository } from './applications/open-application.repository.js';
import { OpenApplicationsService } from './applications/open-applications.service.js';
import { CkanActionController } from './ckan/ckan-action.controller.js';
import { CkanCatalogRepository } from './ckan/ckan-catalog.repository.js';
import { CatalogEntryEventsController } from './datasets/catalog-entry-events.controller.js';
import { DatasetReplicasController } from './datasets/dataset-replicas.controller.js';
import { DatasetRepository } from './datasets/dataset.repository.js';
import { DatasetViews } from './datasets/dataset-views.js';
import { DatasetsController } from './datasets/datasets.controller.js';
import { OpenDatasetEvents } from './datasets/open-dataset-events.js';
import { OpeningClock } from './datasets/opening-clock.js';
import { PublishedDatasets } from './datasets/published-datasets.js';
import { ReviewDatasetUseCase } from './datasets/review-dataset.usecase.js';
import { ReviewsController } from './datasets/reviews.controller.js';
import { DcatController } from './dcat/dcat.controller.js';
import { CreateOpenData1768100000000 } from './migrations/1768100000000-create-open-data.js';
import { CkanSearch1768100100000 } from './migrations/1768100100000-ckan-search.js';
import { OpenSnapshots1768100200000 } from './migrations/1768100200000-open-snapshots.js';
import { OpenPeople1768100300000 } from './migrations/1768100300000-open-people.js';
import { ApiKeyRepository } from './people/api-key.repository.js';
import { ApiKeysService } from './people/api-keys.service.js';
import { OpenAccountRepository } from './people/open-account.repository.js';
import { OpenCallers } from './people/open-callers.js';
import { OpenPeopleService } from './people/open-people.service.js';
import { OpenSessionRepository } from './people/open-session.repository.js';
import { PeopleController } from './people/people.controller.js';
import { RealNameService } from './people/real-name.service.js';
import { VerificationCodeSender } from './people/verification-code.sender.js';
import { OpenDatasetReplicas1768100350000 } from './migrations/1768100350000-open-dataset-replicas.js';
import { OpenApplications1768100400000 } from './migrations/1768100400000-open-applications.js';
import { OpenFileFormats1768100450000 } from './migrations/1768100450000-open-file-formats.js';
import { OpenDemandsAndErrorReports1768100500000 } from './migrations/1768100500000-open-demands-and-error-reports.js';
import { DemandsController } from './feedback/demands.controller.js';
import { ErrorReportsController } from './feedback/error-reports.controller.js';
import { FeedbackRepository } from './feedback/feedback.repository.js';
import { FeedbackService } from './feedback/feedback.service.js';
import { OpenShowcases1768100600000 } from './migrations/1768100600000-open-showcases.js';
import { OpenSearchFold1768100700000 } from './migrations/1768100700000-open-search-fold.js';
import { ShowcaseRepository } from './showcases/showcase.repository.js';
import { ShowcaseReviewsController } from './showcases/showcase-reviews.controller.js';
import { ShowcaseViews } from './showcases/showcase-views.js';
import { ShowcasesController } from './showcases/showcases.controller.js';
import { ShowcasesService } from './showcases/showcases.service.js';
import { RatingRepository } from './ratings/rating.repository.js';
import { RatingsController } from './ratings/ratings.controller.js';
import { CommentModerationController } from './comments/comment-moderation.controller.js';
import { CommentRepository } from './comments/comment.repository.js';
import { CommentsController } from './comments/comments.controller.js';
import { CommentsService } from './comments/comments.service.js';
import { OriginClient } from './rows/origin.client.js';
import { ReplicaDownloads } from './rows/replica-downloads.js';
import { RoutedDeliveryGrpcController } from './rows/routed-delivery.grpc.controller.js';
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
    DatasetReplicasController,
    RoutedDeliveryGrpcController,
    DcatController,
    CkanActionController,
    PeopleController,
    MyApplicationsController,
    ApplicationsController,
    DemandsController,
    ErrorReportsController,
    ShowcasesController,
    ShowcaseReviewsController,
    RatingsController,
    CommentsController,
    CommentModerationController,
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
    OpenDatasetEvents,
    PublishedDatasets,
    OriginClient,
    ReplicaDownloads,
    ReviewDatasetUseCase,
    SnapshotRepository,
    SnapshotService,
    OpenAccessLimits,
    OpenStatisticsRepository,
    CkanCatalogRepository,
    OpenAccountRepository,
    OpenSessionRepository,
    ApiKeyRepository,
    OpenCallers,
    VerificationCodeSender,
    OpenPeopleService,
    RealNameService,
    ApiKeysService,
    OpenApplicationRepository,
    OpenApplicationsService,
    ApplicationViews,
    FeedbackRepository,
    FeedbackService,
    ShowcaseRepository,
    ShowcasesService,
    ShowcaseViews,
    RatingRepository,
    CommentRepository,
    CommentsService,
  ],
  // What the demo seed writes through (the demo's reviewer opens its sample datasets).
  exports: [DatasetRepository, CatalogMountsClient, ReviewDatasetUseCase],
})
export class OpenDataModule {}

export const openDataService: ServiceDefinition = {
  name: 'open-data',
  imports: [OpenDataModule],
  // An ancestor reads the rows of a replica here (RoutedDeliveryService, from this node's federation).
  grpcServices: [ROUTED_DELIVERY_V1],
  persistence: {
    migrations: [
      CreateOpenData1768100000000,
      CkanSearch1768100100000,
      OpenSnapshots1768100200000,
      OpenPeople1768100300000,
      OpenDatasetReplicas1768100350000,
      OpenApplications1768100400000,
      OpenFileFormats1768100450000,
      OpenDemandsAndErrorReports1768100500000,
      OpenShowcases1768100600000,
      OpenSearchFold1768100700000,
      // later migrations follow, in timestamp order
    ],
  },
};
