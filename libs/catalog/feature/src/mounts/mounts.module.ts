import { Module } from '@nestjs/common';
import { CredentialVault, outboundPolicyProvider } from '@govdata/platform-service';
import { CatalogMountsGrpcController } from './catalog-mounts.grpc.controller.js';
import { DataSourceRepository } from './data-source.repository.js';
import { DataSourceService } from './data-source.service.js';
import { DataSourcesController } from './data-sources.controller.js';
import { EntryMountRepository } from './entry-mount.repository.js';
import { EntryMountService } from './entry-mount.service.js';
import { EntryMountsController } from './entry-mounts.controller.js';
import { PostgresTableProbe } from './postgres-table-probe.js';
import { DeleteDataSourceUseCase } from './delete-data-source.usecase.js';
import { MountResourceUseCase } from './mount-resource.usecase.js';
import { RegisterDataSourceUseCase } from './register-data-source.usecase.js';
import { UnmountResourceUseCase } from './unmount-resource.usecase.js';

/** 挂载 — the data sources of providers and the tables and APIs mounted on entries. */
@Module({
  controllers: [EntryMountsController, DataSourcesController, CatalogMountsGrpcController],
  providers: [
    CredentialVault,
    outboundPolicyProvider,
    PostgresTableProbe,
    DataSourceRepository,
    DataSourceService,
    EntryMountRepository,
    EntryMountService,
    RegisterDataSourceUseCase,
    DeleteDataSourceUseCase,
    MountResourceUseCase,
    UnmountResourceUseCase,
  ],
  exports: [DataSourceService, EntryMountService, RegisterDataSourceUseCase, MountResourceUseCase],
})
export class MountsModule {}
