import type { ServiceName } from '@govdata/platform-config';
import type { ServiceDefinition } from '@govdata/platform-service';
import { DemoCatalogModule } from './catalog/demo-catalog.module.js';
import { DemoIdentityModule } from './identity/demo-identity.module.js';
import { DemoOpenDataModule } from './open-data/demo-open-data.module.js';

/** DEMO ONLY — what the demo adds to a service: the gateway seeds the identities, the catalog its entries, open data reviews its samples. */
const DEMO_MODULES: Partial<Record<ServiceName, ServiceDefinition['imports']>> = {
  gateway: [DemoIdentityModule],
  catalog: [DemoCatalogModule],
  'open-data': [DemoOpenDataModule],
};

/**
 * DEMO ONLY — the service with the demo seed added (the demo organisations and accounts at the
 * gateway, the demo catalog at the catalog); other services unchanged. The production definitions
 * carry none of it: the demo launcher (`govdata node start` with GOVDATA_DEMO=1) and tests add it.
 */
export function withDemoSeed(definition: ServiceDefinition): ServiceDefinition {
  const extra = DEMO_MODULES[definition.name];
  return extra ? { ...definition, imports: [...definition.imports, ...extra] } : definition;
}

/** {@link withDemoSeed} for every service of a node. */
export function withDemoSeeds<K extends string>(
  definitions: Readonly<Record<K, ServiceDefinition>>,
): Record<K, ServiceDefinition> {
  return Object.fromEntries(
    Object.entries<ServiceDefinition>(definitions).map(([name, definition]) => [name, withDemoSeed(definition)]),
  ) as Record<K, ServiceDefinition>;
}
