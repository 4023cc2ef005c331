import type { ServiceName } from '@govdata/platform-config';

/** The PostgreSQL schema a service owns (`open-data` → `open_data`). */
export function serviceSchemaName(service: ServiceName): string {
  return service.replace(/-/g, '_');
}

/** The login role of a service on a node; roles are cluster-wide, so the node code is part of the name. */
export function serviceRoleName(nodeCode: string, service: ServiceName): string {
  return `gd_${nodeCode.toLowerCase()}_${serviceSchemaName(service)}`;
}

/** Quotes a PostgreSQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a PostgreSQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
