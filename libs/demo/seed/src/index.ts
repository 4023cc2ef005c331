export * from './demo-seed.js';
export * from './identity/demo-identity.js';
export { DemoIdentityModule, DemoIdentitySeed } from './identity/demo-identity.module.js';
export { DemoCatalogModule } from './catalog/demo-catalog.module.js';
export { DemoCatalogSeeder, type DemoCatalogResult } from './catalog/demo-catalog.seeder.js';
