import type { NodeConfig, ServiceName } from '@govdata/platform-config';
import type { Logger } from 'pino';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';
import { serviceRoleName, serviceSchemaName } from './service-schema.js';
import { SqlLogger } from './sql-logger.js';

export interface ServicePersistence {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
}

/** Statements slower than this are logged (SQL text only). */
const SLOW_QUERY_MS = 2_000;

/**
 * A TypeORM data source that connects as the service's own role, to its own schema.
 * `synchronize` is off: the schema changes only through reviewed migration files. With a logger,
 * failed statements are logged there without their parameters ({@link SqlLogger}); without one,
 * TypeORM logs nothing (its console loggers would print the parameters).
 */
export function createServiceDataSource(
  config: NodeConfig,
  service: ServiceName,
  persistence: ServicePersistence,
  logger?: Logger,
): DataSource {
  const schema = serviceSchemaName(service);
  return new DataSource({
    type: 'postgres',
    host: config.postgres.host,
    port: config.postgres.port,
    username: serviceRoleName(config.postgres.database, service),
    password: config.postgres.servicePassword || undefined,
    database: config.postgres.database,
    schema,
    entities: persistence.entities ?? [],
    migrations: [...PLATFORM_MIGRATIONS, ...(persistence.migrations ?? [])],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: logger ? ['error', 'warn', 'migration'] : false,
    logger: logger ? new SqlLogger(logger) : undefined,
    maxQueryExecutionTime: logger ? SLOW_QUERY_MS : undefined,
    applicationName: `govdata-${config.node.code}-${service}`,
    extra: {
      max: config.postgres.poolSize,
      idleTimeoutMillis: 10_000,
      options: `-c search_path=${schema},public`,
      connectionTimeoutMillis: 5_000,
    },
  });
}

/** Applies pending migrations; returns the names applied. */
export async function migrateServiceSchema(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
