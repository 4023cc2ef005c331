import { Module } from '@nestjs/common';
import { ROUTING_V1 } from '@govdata/contracts';
import type { ServiceDefinition } from '@govdata/platform-service';
import { AntiEntropyClient } from './anti-entropy/anti-entropy.client.js';
import { AntiEntropyController } from './anti-entropy/anti-entropy.controller.js';
import { AntiEntropyRepository } from './anti-entropy/anti-entropy.repository.js';
import { AntiEntropyServer } from './anti-entropy/anti-entropy.server.js';
import { CompareWithParentUseCase } from './anti-entropy/compare-with-parent.usecase.js';
import { ApplyStandardUseCase } from './downward/apply-standard.usecase.js';
import { DownwardRepository } from './downward/downward.repository.js';
import { StandardsFeedController } from './downward/standards-feed.controller.js';
import { EnrolmentController } from './enrolment/enrolment.controller.js';
import { EnrolmentEntity, EnrolmentTokenEntity } from './enrolment/enrolment.entity.js';
import { EnrolmentRepository } from './enrolment/enrolment.repository.js';
import { EnrolmentService } from './enrolment/enrolment.service.js';
import { ApproveEnrolmentUseCase } from './enrolment/approve-enrolment.usecase.js';
import { IssueEnrolmentTokenUseCase } from './enrolment/issue-enrolment-token.usecase.js';
import { RejectEnrolmentUseCase } from './enrolment/reject-enrolment.usecase.js';
import { RenewChildCertificateUseCase } from './enrolment/renew-child-certificate.usecase.js';
import { RequestEnrolmentUseCase } from './enrolment/request-enrolment.usecase.js';
import { CreateEnrolmentRegistry1764000000000 } from './migrations/1764000000000-create-enrolment-registry.js';
import { CreateReplication1765000000000 } from './migrations/1765000000000-create-replication.js';
import { CreateAntiEntropyAndDownward1766000000000 } from './migrations/1766000000000-create-anti-entropy-and-downward.js';
import { CreateChildCertificate1766100000000 } from './migrations/1766100000000-create-child-certificate.js';
import { CreateRoutedMessages1766200000000 } from './migrations/1766200000000-create-routed-messages.js';
import { LogAppendOrderAndNotify1766300000000 } from './migrations/1766300000000-log-append-order-and-notify.js';
import { LinkRepository } from './links/link.repository.js';
import { LinkServer } from './links/link-server.js';
import { LogNotifications } from './links/log-notifications.js';
import { ParentLink } from './links/parent-link.js';
import { nodePkiStoreProvider } from './node-pki.provider.js';
import { KeyMaterialCheck } from './registry/key-material.check.js';
import { RegistryController } from './registry/registry.controller.js';
import { RegistryRepository } from './registry/registry.repository.js';
import { CrlSigner } from './registry/crl-signer.js';
import { ChildNodeEntity, RevocationEntity, RevocationListEntity } from './registry/registry.entity.js';
import { RegistryService } from './registry/registry.service.js';
import { RenewNodeCertificateUseCase } from './registry/renew-node-certificate.usecase.js';
import { RevokeChildUseCase } from './registry/revoke-child.usecase.js';
import { DemandRelayController } from './routing/demand-relay.controller.js';
import { MessageRelay } from './routing/message-relay.js';
import { Router } from './routing/router.js';
import { RoutingGrpcController } from './routing/routing.grpc.controller.js';
import { ApplyReplicaUseCase } from './replication/apply-replica.usecase.js';
import { CatalogFeedController } from './replication/catalog-feed.controller.js';
import { OpenDatasetFeedController } from './replication/open-dataset-feed.controller.js';
import { ReplicationRepository } from './replication/replication.repository.js';

/**
 * 级联对接 — federation: enrolment and node PKI, the child registry and revocation, the mTLS links
 * (to the parent and from the children), upward replication, anti-entropy (反熵校验) and the downward
 * flow of standards and directives (下行).
 */
@Module({
  controllers: [
    EnrolmentController,
    RegistryController,
    AntiEntropyController,
    CatalogFeedController,
    OpenDatasetFeedController,
    StandardsFeedController,
    RoutingGrpcController,
    DemandRelayController,
  ],
  providers: [
    nodePkiStoreProvider,
    KeyMaterialCheck,
    EnrolmentRepository,
    EnrolmentService,
    IssueEnrolmentTokenUseCase,
    RequestEnrolmentUseCase,
    ApproveEnrolmentUseCase,
    RejectEnrolmentUseCase,
    RenewChildCertificateUseCase,
    RegistryRepository,
    RegistryService,
    CrlSigner,
    RevokeChildUseCase,
    RenewNodeCertificateUseCase,
    ReplicationRepository,
    LinkRepository,
    LogNotifications,
    ApplyReplicaUseCase,
    AntiEntropyRepository,
    AntiEntropyServer,
    AntiEntropyClient,
    CompareWithParentUseCase,
    DownwardRepository,
    ApplyStandardUseCase,
    Router,
    MessageRelay,
    LinkServer,
    ParentLink,
  ],
})
export class FederationModule {}

export const federationService: ServiceDefinition = {
  name: 'federation',
  imports: [FederationModule],
  grpcServices: [ROUTING_V1],
  persistence: {
    entities: [EnrolmentTokenEntity, EnrolmentEntity, ChildNodeEntity, RevocationEntity, RevocationListEntity],
    migrations: [
      CreateEnrolmentRegistry1764000000000,
      CreateReplication1765000000000,
      CreateAntiEntropyAndDownward1766000000000,
      CreateChildCertificate1766100000000,
      CreateRoutedMessages1766200000000,
      LogAppendOrderAndNotify1766300000000,
    ],
  },
};
