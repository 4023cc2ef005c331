import { Module } from '@nestjs/common';
import { OrganisationEventsController } from './organisation-events.controller.js';
import { OrganisationRefRepository } from './organisation-ref.repository.js';
import { ProvidersController } from './providers.controller.js';

/** The node's organisations as the catalog knows them (from the gateway's identity events). */
@Module({
  controllers: [OrganisationEventsController, ProvidersController],
  providers: [OrganisationRefRepository],
  exports: [OrganisationRefRepository],
})
export class OrganisationDirectoryModule {}
