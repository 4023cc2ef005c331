import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { OutboundPolicy, OutboundRefusedError } from '@govdata/platform-outbound';
import { CredentialVault, LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import pg from 'pg';
import type { Logger } from 'pino';
import type { TableSourceRef } from '../datasets/dataset.js';

/** Connections per data source: open data is read by many people, but a provider's database is theirs. */
const POOL_SIZE = 4;
/** How long a query for rows may take before the source is given up on. */
export const ROWS_TIMEOUT_MS = 15_000;

/**
 * Connection pools to the providers' databases the open datasets are read from, one per data source
 * (and credentials): the sealed password opened with the node's credential key, the address checked
 * by the node's outbound policy, every session read-only, and the role checked once to be an
 * ordinary one (as the catalog checked when the table was mounted).
 */
@Injectable()
export class SourcePools implements OnModuleDestroy {
  private readonly pools = new Map<string, Promise<pg.Pool>>();

  constructor(
    private readonly vault: CredentialVault,
    private readonly outbound: OutboundPolicy,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleDestroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(async (p) => (await p.catch(() => null))?.end().catch(() => undefined)));
  }

  /** A client of the source's pool, for `work`; released (or destroyed when it failed) afterwards. */
  async withClient<T>(source: TableSourceRef, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const pool = await this.pool(source);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw this.unavailable(source, error);
    }
    let failed = false;
    try {
      return await work(client);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      client.release(failed);
    }
  }

  /** The answer when the source cannot serve: 503, the provider's database named, never its address. */
  unavailable(source: TableSourceRef, error: unknown): GovdataError {
    this.logger.warn(
      { dataSourceId: source.dataSourceId, err: error instanceof Error ? error.message : String(error) },
      'open data: the source database did not answer',
    );
    return GovdataError.unavailable(
      '提供部门的数据库暂时无法读取，请稍后再试 (the providing department’s database cannot be read now; try again later)',
      30,
    );
  }

  private pool(source: TableSourceRef): Promise<pg.Pool> {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          source.dataSourceId,
          source.host,
          source.port,
          source.database,
          source.user,
          source.ssl,
          source.passwordSealed,
        ]),
      )
      .digest('base64url');
    let pool = this.pools.get(key);
    if (!pool) {
      pool = this.createPool(source);
      this.pools.set(key, pool);
      pool.catch(() => this.pools.delete(key));
    }
    return pool;
  }

  private async createPool(source: TableSourceRef): Promise<pg.Pool> {
    let address: string;
    try {
      [address] = (await this.outbound.resolve(source.host, source.port)) as [string];
    } catch (error) {
      if (error instanceof OutboundRefusedError) {
        throw GovdataError.forbidden(
          '本节点的出站策略不允许连接该数据源 (the node’s outbound policy does not allow this data source)',
        );
      }
      throw this.unavailable(source, error);
    }
    const password = source.passwordSealed
      ? await this.vault.open(source.passwordSealed, `data_source:${source.dataSourceId}:password`)
      : undefined;
    const servername = isIP(source.host.replace(/^\[(.*)\]$/, '$1')) ? undefined : source.host;
    const pool = new pg.Pool({
      host: address,
      port: source.port,
      database: source.database,
      user: source.user,
      password,
      ssl: source.ssl ? { rejectUnauthorized: true, ...(servername ? { servername } : {}) } : false,
      application_name: 'govdata-open-data',
      max: POOL_SIZE,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
      options: '-c default_transaction_read_only=on',
    });
    pool.on('error', (error) =>
      this.logger.warn({ err: error.message }, 'open data: an idle source connection failed'),
    );
    try {
      await this.assertOrdinary(pool, source);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return pool;
  }

  /** Never a superuser or a role reading the server's files, never the node's own database. */
  private async assertOrdinary(pool: pg.Pool, source: TableSourceRef): Promise<void> {
    let row: { database: string; privileged: boolean } | undefined;
    try {
      const result = await pool.query<{ database: string; privileged: boolean }>(
        `SELECT current_database() AS database,
                r.rolsuper OR EXISTS (
                  SELECT 1 FROM pg_roles p
                  WHERE p.rolname IN ('pg_read_server_files', 'pg_execute_server_program', 'pg_read_all_data')
                    AND pg_has_role(current_user, p.oid, 'MEMBER')
                ) AS privileged
         FROM pg_roles r WHERE r.rolname = current_user`,
      );
      row = result.rows[0];
    } catch (error) {
      throw this.unavailable(source, error);
    }
    if (!row || row.privileged || row.database === this.config.postgres.database) {
      throw GovdataError.forbidden(
        '该数据源的账号权限过大或指向本节点数据库，不能用于数据开放 (the data source’s role is privileged, or it is the node’s own database: it cannot serve open data)',
      );
    }
  }
}
