import type { EntityManager } from 'typeorm';
import type { DataSourceKind, DataSourceRecord } from './data-source.js';

export interface NewDataSource {
  id: string;
  nodeCode: string;
  organisationId: string;
  name: string;
  kind: DataSourceKind;
  host: string;
  port: number;
  database: string;
  user: string;
  passwordCipher: string | null;
  ssl: boolean;
  actor: string;
}

/** Queries on registered data sources; every query is scoped to a node. */
export class DataSourceRepository {
  async insert(manager: EntityManager, s: NewDataSource): Promise<DataSourceRecord> {
    const rows: Row[] = await manager.query(
      `INSERT INTO data_source (id, node_code, organisation_id, name, kind, host, port, database_name, username,
         password_cipher, ssl, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
      [
        s.id,
        s.nodeCode,
        s.organisationId,
        s.name,
        s.kind,
        s.host,
        s.port,
        s.database,
        s.user,
        s.passwordCipher,
        s.ssl,
        s.actor,
      ],
    );
    return toRecord(rows[0]!);
  }

  async findById(manager: EntityManager, nodeCode: string, id: string): Promise<DataSourceRecord | null> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM data_source WHERE node_code = $1 AND id = $2`, [
      nodeCode,
      id,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByName(manager: EntityManager, organisationId: string, name: string): Promise<DataSourceRecord | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM data_source WHERE organisation_id = $1 AND name = $2`,
      [organisationId, name],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Sources of one organisation, or of every organisation of the node when none is given. */
  async list(manager: EntityManager, nodeCode: string, organisationId: string | null): Promise<DataSourceRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM data_source WHERE node_code = $1 AND ($2::uuid IS NULL OR organisation_id = $2)
       ORDER BY organisation_id, name, id`,
      [nodeCode, organisationId],
    );
    return rows.map(toRecord);
  }

  async mountCount(manager: EntityManager, id: string): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query(
      'SELECT count(*)::int AS n FROM entry_mount WHERE data_source_id = $1',
      [id],
    );
    return rows[0]!.n;
  }

  async delete(manager: EntityManager, nodeCode: string, id: string): Promise<void> {
    await manager.query('DELETE FROM data_source WHERE node_code = $1 AND id = $2', [nodeCode, id]);
  }
}

type Row = Record<string, unknown>;

const COLUMNS = `id, node_code, organisation_id, name, kind, host, port, database_name, username, password_cipher, ssl,
  created_by, created_at`;

function toRecord(row: Row): DataSourceRecord {
  return {
    id: row['id'] as string,
    nodeCode: row['node_code'] as string,
    organisationId: row['organisation_id'] as string,
    name: row['name'] as string,
    kind: row['kind'] as DataSourceKind,
    host: row['host'] as string,
    port: row['port'] as number,
    database: row['database_name'] as string,
    user: row['username'] as string,
    passwordCipher: (row['password_cipher'] as string | null) ?? null,
    ssl: row['ssl'] as boolean,
    hasPassword: row['password_cipher'] !== null,
    createdBy: row['created_by'] as string,
    createdAt: (row['created_at'] as Date).toISOString(),
  };
}
