import { SERVICE_NAMES, type NodeConfig, type ServiceName } from '@govdata/platform-config';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import { startService, type RunningService, type ServiceDefinition } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { SERVICE_DEFINITIONS } from './service-registry.js';

export interface RunningNode {
  services: RunningService[];
  close(): Promise<void>;
}

/** `govdata migrate`: creates the node database, a schema and role per service, and applies migrations. */
export async function migrateNode(
  config: NodeConfig,
  services: readonly ServiceName[] = SERVICE_NAMES,
): Promise<Record<string, string[]>> {
  await provisionNodeDatabase(config, services);
  const applied: Record<string, string[]> = {};
  for (const service of services) {
    const dataSource = createServiceDataSource(config, service, SERVICE_DEFINITIONS[service].persistence);
    await dataSource.initialize();
    try {
      applied[service] = await migrateServiceSchema(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }
  return applied;
}

/**
 * Runs every service of a node in this process: same modules, same transports as standalone.
 * `definitions` are the production ones unless a launcher adds to them (the demo adds its seed).
 */
export async function startNode(
  config: NodeConfig,
  logger: Logger,
  services: readonly ServiceName[] = SERVICE_NAMES,
  definitions: Readonly<Record<ServiceName, ServiceDefinition>> = SERVICE_DEFINITIONS,
): Promise<RunningNode> {
  await provisionNodeDatabase(config, services);
  const running: RunningService[] = [];
  try {
    for (const service of services)
      running.push(await startService(definitions[service], config, { provision: false }));
  } catch (error) {
    logger.error({ err: error }, 'a service failed to start; stopping the others');
    await closeAll(running);
    throw error;
  }
  return { services: running, close: () => closeAll(running) };
}

/** Stops services in reverse start order, so the gateway stops taking requests last-started-first. */
async function closeAll(running: RunningService[]): Promise<void> {
  for (const service of [...running].reverse()) await service.close();
}
