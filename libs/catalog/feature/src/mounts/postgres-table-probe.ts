import { Injectable } from '@nestjs/common';
import pg from 'pg';

/** How to reach a PostgreSQL data source; the password in the clear, only in memory. */
export interface PostgresConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | null;
  ssl: boolean;
}

export interface TableColumn {
  name: string;
  dataType: string;
  nullable: boolean;
}

/** Why a source could not be read, in words a catalog editor can act on. */
export const PROBE_FAILURES = {
  unreachable: 'the database server cannot be reached (host, port or network)',
  timeout: 'the database server did not answer in time',
  authentication: 'the server refused the user name or password',
  'database-missing': 'the database does not exist on that server',
  ssl: 'the TLS (SSL) connection could not be set up',
  'permission-denied': 'the user may not read the table description',
  busy: 'the server refuses connections for now (too many connections, or starting up)',
  failed: 'the server answered with an error',
} as const;
export type ProbeFailure = keyof typeof PROBE_FAILURES;

export class SourceProbeError extends Error {
  constructor(
    readonly failure: ProbeFailure,
    /** The driver's or server's error code, for the record (never a credential). */
    readonly detail: string,
  ) {
    super(`${PROBE_FAILURES[failure]} (${detail})`);
    this.name = 'SourceProbeError';
  }
}

/** How long a connection or query of a check may take: a mount is checked while the editor waits. */
export const PROBE_TIMEOUT_MS = 5_000;

/**
 * Reads a table's columns from a registered data source (information_schema) — the check that a
 * column ↔ item mapping names columns that really exist. One short-lived connection per check,
 * read-only and bounded in time; failures become a `SourceProbeError`, never a crash.
 */
@Injectable()
export class PostgresTableProbe {
  /** Columns of `schema.table` visible to the user, in table order; empty when no such table is visible. */
  async describeTable(connection: PostgresConnection, schema: string, table: string): Promise<TableColumn[]> {
    return this.withClient(connection, async (client) => {
      const result = await client.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
        [schema, table],
      );
      return result.rows.map((r) => ({
        name: r.column_name,
        dataType: r.data_type,
        nullable: r.is_nullable === 'YES',
      }));
    });
  }

  /** Connects and asks the server's version: the "test connection" of a data source. */
  async ping(connection: PostgresConnection): Promise<{ serverVersion: string }> {
    return this.withClient(connection, async (client) => {
      const result = await client.query<{ server_version: string }>('SHOW server_version');
      return { serverVersion: result.rows[0]?.server_version ?? 'unknown' };
    });
  }

  private async withClient<T>(connection: PostgresConnection, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({
      host: connection.host,
      port: connection.port,
      database: connection.database,
      user: connection.user,
      password: connection.password ?? undefined,
      ssl: connection.ssl ? { rejectUnauthorized: true } : false,
      application_name: 'govdata-catalog-mount-check',
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
      statement_timeout: PROBE_TIMEOUT_MS,
    });
    // A socket error after connecting must not become an unhandled 'error' event.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SET default_transaction_read_only = on');
      return await work(client);
    } catch (error) {
      throw classifyProbeError(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Maps a driver or server error to what went wrong; unknown errors are `failed`, with their code. */
export function classifyProbeError(error: unknown): SourceProbeError {
  if (error instanceof SourceProbeError) return error;
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const failure = ((): ProbeFailure => {
    if (['28P01', '28000'].includes(code)) return 'authentication';
    if (code === '3D000') return 'database-missing';
    if (code === '42501') return 'permission-denied';
    if (['53300', '57P03', '53400'].includes(code)) return 'busy';
    if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(code)) {
      return 'unreachable';
    }
    if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'timeout';
    if (/ssl|tls|certificate/i.test(message) || /CERT|TLS|SSL/.test(code)) return 'ssl';
    return 'failed';
  })();
  return new SourceProbeError(failure, code || failure);
}
