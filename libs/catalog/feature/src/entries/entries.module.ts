import { forwardRef, Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module.js';
import { OrganisationDirectoryModule } from '../organisation-directory/organisation-directory.module.js';
import { SearchModule } from '../search/search.module.js';
import { CatalogGrpcController } from './catalog.grpc.controller.js';
import { EntriesController } from './entries.controller.js';
import { EntryHooks } from './entry-hooks.js';
import { EntryLookupService } from './entry-lookup.service.js';
import { EntryReadService } from './entry-read.service.js';
import { EntryRepository } from './entry.repository.js';
import { ENTRY_WRITE_PROVIDERS } from './entry-write.providers.js';
import { CatalogRoutedDeliveryGrpcController } from './routed-delivery.grpc.controller.js';

/**
 * 编目 — catalog entries and their lifecycle (编目 → 审核 → 发布). Every write runs the entry write
 * hooks ({@link EntryHooks}); which hooks, in which order, the service definition says
 * (`ENTRY_WRITE_HOOKS`).
 */
@Module({
  imports: [OrganisationDirectoryModule, forwardRef(() => ClassificationModule), SearchModule],
  controllers: [EntriesController, CatalogGrpcController, CatalogRoutedDeliveryGrpcController],
  providers: [EntryHooks, EntryRepository, EntryReadService, EntryLookupService, ...ENTRY_WRITE_PROVIDERS],
  exports: [EntryHooks, EntryRepository, EntryReadService, EntryLookupService, ...ENTRY_WRITE_PROVIDERS],
})
export class EntriesModule {}
