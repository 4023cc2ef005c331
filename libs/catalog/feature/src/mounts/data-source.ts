/** Kinds of database a table can be mounted from. */
export const DATA_SOURCE_KINDS = ['postgresql'] as const;
export type DataSourceKind = (typeof DATA_SOURCE_KINDS)[number];

/**
 * A registered database (数据源) of an organisation, as every API shows it: the password is never
 * returned — `hasPassword` says whether one is stored.
 */
export interface DataSourceView {
  id: string;
  organisationId: string;
  name: string;
  kind: DataSourceKind;
  host: string;
  port: number;
  database: string;
  user: string;
  ssl: boolean;
  hasPassword: boolean;
  createdBy: string;
  createdAt: string;
}

/** The stored row: the view plus the sealed password, which stays inside the service. */
export interface DataSourceRecord extends DataSourceView {
  nodeCode: string;
  passwordCipher: string | null;
}

/** The context a data source password is sealed under (see `CredentialKey`). */
export function passwordContext(dataSourceId: string): string {
  return `data_source:${dataSourceId}:password`;
}

export function toDataSourceView(record: DataSourceRecord): DataSourceView {
  return {
    id: record.id,
    organisationId: record.organisationId,
    name: record.name,
    kind: record.kind,
    host: record.host,
    port: record.port,
    database: record.database,
    user: record.user,
    ssl: record.ssl,
    hasPassword: record.passwordCipher !== null,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
  };
}
