import { EntitySchema } from 'typeorm';
import type { DataSourceKind, DataSourceRecord } from './data-source.js';

/** One row of `data_source` (migration CreateSystemsMountsSources1763900300000). */
export interface DataSourceRow {
  id: string;
  nodeCode: string;
  organisationId: string;
  name: string;
  kind: DataSourceKind;
  host: string;
  port: number;
  databaseName: string;
  username: string;
  /** The password sealed by the credential vault; null when the source needs none. */
  passwordCipher: string | null;
  ssl: boolean;
  createdBy: string;
  createdAt: Date;
}

/** `data_source`, mapped column by column; the migration stays the schema's source. */
export const DataSourceEntity = new EntitySchema<DataSourceRow>({
  name: 'CatalogDataSource',
  tableName: 'data_source',
  columns: {
    id: { name: 'id', type: 'uuid', primary: true },
    nodeCode: { name: 'node_code', type: 'text' },
    organisationId: { name: 'organisation_id', type: 'uuid' },
    name: { name: 'name', type: 'text' },
    kind: { name: 'kind', type: 'text' },
    host: { name: 'host', type: 'text' },
    port: { name: 'port', type: 'integer' },
    databaseName: { name: 'database_name', type: 'text' },
    username: { name: 'username', type: 'text' },
    passwordCipher: { name: 'password_cipher', type: 'text', nullable: true },
    ssl: { name: 'ssl', type: 'boolean' },
    createdBy: { name: 'created_by', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});

export function toDataSourceRecord(row: DataSourceRow): DataSourceRecord {
  return {
    id: row.id,
    nodeCode: row.nodeCode,
    organisationId: row.organisationId,
    name: row.name,
    kind: row.kind,
    host: row.host,
    port: row.port,
    database: row.databaseName,
    user: row.username,
    passwordCipher: row.passwordCipher ?? null,
    ssl: row.ssl,
    hasPassword: row.passwordCipher !== null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
