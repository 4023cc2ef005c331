import type { ServiceName } from '@govdata/platform-config';

/** The PostgreSQL schema a service owns (`open-data` → `open_data`). */
export function serviceSchemaName(service: ServiceName): string {
  return service.replace(/-/g, '_');
}

/**
 * The login role of a service on a node. Roles are cluster-wide, so the name starts with the node's
 * database (`govdata_360000` → `govdata_360000_catalog`): unique per node, and per database when
 * several databases of one node code share a cluster (tests, staging copies).
 */
export function serviceRoleName(database: string, service: ServiceName): string {
  return `${database}_${serviceSchemaName(service)}`;
}

/** Quotes a PostgreSQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a PostgreSQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
