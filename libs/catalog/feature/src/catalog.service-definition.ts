import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@govdata/platform-service';
import { CreateOrganisationRef1763856100000 } from './migrations/1763856100000-create-organisation-ref.js';
import { OrganisationEventsController } from './organisation-directory/organisation-events.controller.js';
import { OrganisationRefRepository } from './organisation-directory/organisation-ref.repository.js';
import { ProvidersController } from './organisation-directory/providers.controller.js';

/** 資源目錄管理系統 — the government data catalog (政務數據目錄). */
@Module({
  controllers: [OrganisationEventsController, ProvidersController],
  providers: [OrganisationRefRepository],
})
export class CatalogModule {}

export const catalogService: ServiceDefinition = {
  name: 'catalog',
  imports: [CatalogModule],
  persistence: { migrations: [CreateOrganisationRef1763856100000] },
};
