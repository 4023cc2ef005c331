import { Module } from '@nestjs/common';
import {
  ClocksModule,
  EntriesModule,
  MountsModule,
  OrganisationDirectoryModule,
  SystemsModule,
} from '@govdata/catalog-feature';
import { DemoCatalogSeeder } from './demo-catalog.seeder.js';

/**
 * DEMO ONLY — added to the catalog by the demo launcher (see `withDemoSeed`). Imports the catalog's
 * feature modules it writes through; Nest shares them with the catalog's own, so the seed runs the
 * same lifecycle, hooks and checks as the API.
 */
@Module({
  imports: [OrganisationDirectoryModule, EntriesModule, SystemsModule, MountsModule, ClocksModule],
  providers: [DemoCatalogSeeder],
})
export class DemoCatalogModule {}
