import { Module } from '@nestjs/common';
import { EXCHANGE_V1, ROUTED_DELIVERY_V1 } from '@govdata/contracts';
import { AUDIT_LEDGER_MIGRATIONS } from '@govdata/exchange-ledger';
import type { NodeConfig } from '@govdata/platform-config';
import type { GovdataRedis } from '@govdata/platform-redis';
import {
  CredentialVault,
  NODE_CONFIG,
  outboundPolicyProvider,
  REDIS,
  type ServiceDefinition,
} from '@govdata/platform-service';
import { AuditController } from './audit/audit.controller.js';
import { AuditLog } from './audit/audit-log.service.js';
import { CallPlans } from './calls/call-plans.js';
import { ExchangeCallsController } from './calls/exchange-calls.controller.js';
import { ExchangeCallsService } from './calls/exchange-calls.service.js';
import { ExchangeGrpcController } from './calls/exchange.grpc.controller.js';
import { ProviderCallUseCase } from './calls/provider-call.usecase.js';
import { RemoteProviderClient } from './calls/remote-provider.client.js';
import { RoutedDeliveryGrpcController } from './calls/routed-delivery.grpc.controller.js';
import { CatalogEntryEventsController } from './entries/catalog-entry-events.controller.js';
import { EntryRefRepository } from './entries/entry-ref.repository.js';
import { DemandEventsController } from './grants/demand-events.controller.js';
import { EndGrantWithApplicationUseCase } from './grants/end-grant-with-application.usecase.js';
import { ExpireGrantsUseCase } from './grants/expire-grants.usecase.js';
import { GrantEvents } from './grants/grant-events.js';
import { GrantRepository } from './grants/grant.repository.js';
import { GrantService } from './grants/grant.service.js';
import { GrantsController } from './grants/grants.controller.js';
import { IssueGrantUseCase } from './grants/issue-grant.usecase.js';
import { RevokeGrantUseCase } from './grants/revoke-grant.usecase.js';
import { CallRecordRepository } from './metering/call-record.repository.js';
import { MeteringController } from './metering/metering.controller.js';
import { CreateExchange1766100000000 } from './migrations/1766100000000-create-exchange.js';
import { AddEntrySharing1766400000000 } from './migrations/1766400000000-add-entry-sharing.js';
import { GrantAdmission } from './policy/grant-admission.js';
import { ApiResourceRepository } from './resources/api-resource.repository.js';
import { ApiResourceService } from './resources/api-resource.service.js';
import { ApiResourcesController } from './resources/api-resources.controller.js';
import { DeleteApiResourceUseCase } from './resources/delete-api-resource.usecase.js';
import { RegisterApiResourceUseCase } from './resources/register-api-resource.usecase.js';

/**
 * 数据共享交换系统 — the exchange (接口服务): API resources providers register for their catalog
 * entries, grants issued from granted sharing applications, calls enforced against them (items,
 * masking, rate, quota, upstream deadline and breaker), every call in an RFC 6962 audit ledger, and
 * metering for governance statistics.
 */
@Module({
  controllers: [
    CatalogEntryEventsController,
    DemandEventsController,
    ApiResourcesController,
    GrantsController,
    ExchangeCallsController,
    ExchangeGrpcController,
    RoutedDeliveryGrpcController,
    AuditController,
    MeteringController,
  ],
  providers: [
    CredentialVault,
    outboundPolicyProvider,
    EntryRefRepository,
    ApiResourceRepository,
    ApiResourceService,
    RegisterApiResourceUseCase,
    DeleteApiResourceUseCase,
    GrantRepository,
    GrantService,
    GrantEvents,
    IssueGrantUseCase,
    RevokeGrantUseCase,
    EndGrantWithApplicationUseCase,
    ExpireGrantsUseCase,
    {
      provide: GrantAdmission,
      useFactory: (config: NodeConfig, redis: GovdataRedis) =>
        new GrantAdmission(redis, `${config.redis.keyPrefix}exchange:`),
      inject: [NODE_CONFIG, REDIS],
    },
    CallPlans,
    CallRecordRepository,
    AuditLog,
    ProviderCallUseCase,
    RemoteProviderClient,
    ExchangeCallsService,
  ],
})
export class ExchangeModule {}

export const exchangeService: ServiceDefinition = {
  name: 'exchange',
  imports: [ExchangeModule],
  grpcServices: [EXCHANGE_V1, ROUTED_DELIVERY_V1],
  persistence: {
    migrations: [...AUDIT_LEDGER_MIGRATIONS, CreateExchange1766100000000, AddEntrySharing1766400000000],
  },
};
