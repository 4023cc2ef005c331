import { Inject, Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeConfig } from '@govdata/platform-config';
import { OutboundPolicy, OutboundRefusedError } from '@govdata/platform-outbound';
import { NODE_CONFIG } from '@govdata/platform-service';
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
  // Closed, filtered, refused, unresolvable and silent targets all read the same: the check is no
  // port scanner.
  unreachable: 'the database server cannot be reached, or did not answer as PostgreSQL (host, port or network)',
  authentication: 'the server refused the user name or password',
  'database-missing': 'the database does not exist on that server',
  ssl: 'the TLS (SSL) connection could not be set up',
  'permission-denied': 'the user may not read the table description',
  busy: 'the server refuses connections for now (too many connections, or starting up)',
  failed: 'the server answered with an error',
  'privileged-role':
    "the user is a superuser or may read the server's files; register a role that may only read the tables to mount",
  'own-database': "the node's own database is not a data source",
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
 * Every failed check answers no sooner than this after it started — the connection timeout — so a
 * closed port (refused at once) answers no faster than a filtered one (silent until the timeout):
 * the answer time says nothing about the target either.
 */
export const FAILED_CHECK_MIN_MS = PROBE_TIMEOUT_MS;

/**
 * Reads a table's columns from a registered data source (information_schema) — the check that a
 * column ↔ item mapping names columns that really exist. One short-lived connection per check,
 * read-only and bounded in time; failures become a `SourceProbeError`, never a crash.
 */
@Injectable()
export class PostgresTableProbe {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly outbound: OutboundPolicy,
  ) {}

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

  /**
   * One connection to the address the outbound policy checked (`OutboundRefusedError` when it
   * refuses), refused for a privileged role or the node's own database.
   */
  private async withClient<T>(connection: PostgresConnection, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const started = performance.now();
    let address: string;
    try {
      [address] = (await this.outbound.resolve(connection.host, connection.port)) as [string];
    } catch (error) {
      if (error instanceof OutboundRefusedError) throw error;
      await padFailure(started);
      throw classifyProbeError(error);
    }
    const servername = isIP(connection.host.replace(/^\[(.*)\]$/, '$1')) ? undefined : connection.host;
    const client = new pg.Client({
      host: address,
      port: connection.port,
      database: connection.database,
      user: connection.user,
      password: connection.password ?? undefined,
      // Connected by address; the certificate is still checked against the registered host name.
      ssl: connection.ssl ? { rejectUnauthorized: true, ...(servername ? { servername } : {}) } : false,
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
      await this.assertOrdinarySource(client);
      return await work(client);
    } catch (error) {
      await padFailure(started);
      throw classifyProbeError(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * A data source is read with a role that reads its tables and nothing more: never a superuser or
   * a role that reads the server's files (on the node's own server that is the whole platform), and
   * never in the node's own database (its schemas hold identities, credentials and the ledger).
   */
  private async assertOrdinarySource(client: pg.Client): Promise<void> {
    const result = await client.query<{ database: string; privileged: boolean }>(
      `SELECT current_database() AS database,
              r.rolsuper OR EXISTS (
                SELECT 1 FROM pg_roles p
                WHERE p.rolname IN ('pg_read_server_files', 'pg_execute_server_program', 'pg_read_all_data')
                  AND pg_has_role(current_user, p.oid, 'MEMBER')
              ) AS privileged
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const row = result.rows[0];
    if (!row || row.privileged) throw new SourceProbeError('privileged-role', 'privileged-role');
    if (row.database === this.config.postgres.database) throw new SourceProbeError('own-database', 'own-database');
  }
}

/** Holds a failed check until `FAILED_CHECK_MIN_MS` after it started. */
async function padFailure(started: number): Promise<void> {
  const left = FAILED_CHECK_MIN_MS - (performance.now() - started);
  if (left > 0) await sleep(left);
}

/**
 * Maps a driver or server error to what went wrong. Only a PostgreSQL server's own answer (a
 * SQLSTATE) or a TLS certificate problem is told apart; every other failure — refused, reset,
 * timed out, unresolvable, not PostgreSQL — is `unreachable` with no further detail, so that the
 * check tells nothing about what listens where.
 */
export function classifyProbeError(error: unknown): SourceProbeError {
  if (error instanceof SourceProbeError) return error;
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const failure = ((): ProbeFailure => {
      if (['28P01', '28000'].includes(code)) return 'authentication';
      if (code === '3D000') return 'database-missing';
      if (code === '42501') return 'permission-denied';
      if (['53300', '57P03', '53400'].includes(code)) return 'busy';
      return 'failed';
    })();
    return new SourceProbeError(failure, code);
  }
  if (/CERT|ERR_TLS|SSL/.test(code)) return new SourceProbeError('ssl', code);
  if (/does not support SSL/i.test(message)) return new SourceProbeError('ssl', 'ssl');
  return new SourceProbeError('unreachable', 'unreachable');
}
