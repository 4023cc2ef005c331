import { Injectable } from '@nestjs/common';
import { GovdataError } from '@govdata/platform-errors';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import type { Readable } from 'node:stream';
import { publishedColumns, type LocalResource } from '../datasets/dataset.js';
import { badQuery, OpenDataRule } from '../datasets/open-data.exception.js';
import { ROWS_TIMEOUT_MS, SourcePools } from '../sources/source-pools.js';
import { buildRowsQuery, buildSliceQuery, pageOf, selectList, tableName, type RowsQuery } from './table-query.js';

export interface RowsPage {
  rows: Array<Record<string, unknown>>;
  total: number;
  next: string | null;
}

/** A stream of a resource's rows, and what to call once it has been consumed or abandoned. */
export interface RowStream {
  stream: Readable;
  /** Rows sent, once the stream ended. */
  rowCount(): number;
  done(failed: boolean): Promise<void>;
}

/**
 * Reads the rows of a table resource from the provider's database, masked and withheld as the
 * opening review decided: pages for the API, and whole-table streams (COPY for CSV, a cursor for
 * JSON) for downloads that never hold the table in memory.
 */
@Injectable()
export class TableReader {
  constructor(private readonly pools: SourcePools) {}

  async page(resource: LocalResource, query: RowsQuery): Promise<RowsPage> {
    return this.pools.withClient(resource.source, async (client) => {
      try {
        await client.query('BEGIN READ ONLY');
        await client.query(`SET LOCAL statement_timeout = ${ROWS_TIMEOUT_MS}`);
        const keyed = await this.keyed(client, resource);
        const built = buildRowsQuery(resource, query, keyed);
        const rows = await client.query<Record<string, unknown>>(built.text, built.values);
        const count = await client.query<{ n: string }>(built.countText, built.countValues);
        await client.query('COMMIT');
        return { ...pageOf(rows.rows, query, keyed), total: Number(count.rows[0]?.n ?? 0) };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw this.problem(resource, error);
      }
    });
  }

  /** Rows `offset` to `offset + limit` and the total, for callers that page by offset (CKAN's DataStore API). */
  async slice(
    resource: LocalResource,
    query: Omit<RowsQuery, 'after'>,
    offset: number,
    { withTotal = true } = {},
  ): Promise<{ rows: Array<Record<string, unknown>>; total: number | null }> {
    return this.pools.withClient(resource.source, async (client) => {
      try {
        await client.query('BEGIN READ ONLY');
        await client.query(`SET LOCAL statement_timeout = ${ROWS_TIMEOUT_MS}`);
        const built = buildSliceQuery(resource, query, offset, await this.keyed(client, resource));
        const rows = await client.query<Record<string, unknown>>(built.text, built.values);
        const count = withTotal ? await client.query<{ n: string }>(built.countText, built.countValues) : null;
        await client.query('COMMIT');
        return { rows: rows.rows, total: count ? Number(count.rows[0]?.n ?? 0) : null };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw this.problem(resource, error);
      }
    });
  }

  /** `COPY (SELECT …) TO STDOUT` as CSV with the item names as header. */
  async csv(resource: LocalResource): Promise<RowStream> {
    const sql = `COPY (SELECT ${selectList(publishedColumns(resource))} FROM ${tableName(resource)}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
    return this.stream(resource, (client) => {
      const stream = client.query(copyTo(sql));
      return { stream, rowCount: () => stream.rowCount ?? 0 };
    });
  }

  /** The rows through a server-side cursor, as objects keyed by item name. */
  async objects(resource: LocalResource): Promise<RowStream> {
    const sql = `SELECT ${selectList(publishedColumns(resource))} FROM ${tableName(resource)}`;
    return this.stream(resource, (client) => {
      let rows = 0;
      const stream = client.query(new QueryStream(sql, [], { batchSize: 1_000, highWaterMark: 1_000 }));
      stream.on('data', () => rows++);
      return { stream, rowCount: () => rows };
    });
  }

  private async stream(
    resource: LocalResource,
    open: (client: pg.PoolClient) => { stream: Readable; rowCount(): number },
  ): Promise<RowStream> {
    // The client stays checked out until the stream is done; `done` gives it back.
    let release!: (failed: boolean) => void;
    const held = new Promise<pg.PoolClient>((resolve, reject) => {
      this.pools
        .withClient(
          resource.source,
          (client) =>
            new Promise<void>((finish, fail) => {
              resolve(client);
              release = (failed) => (failed ? fail(new Error('download ended early')) : finish());
            }),
        )
        .catch(reject);
    });
    const client = await held;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query(`SELECT 1 FROM ${tableName(resource)} LIMIT 0`);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      release(true);
      throw this.problem(resource, error);
    }
    const opened = open(client);
    return {
      stream: opened.stream,
      rowCount: opened.rowCount,
      done: async (failed) => {
        await client.query(failed ? 'ROLLBACK' : 'COMMIT').catch(() => undefined);
        release(failed);
      },
    };
  }

  /** Tables page by row position (ctid); views, which have none, by offset. */
  private async keyed(client: pg.PoolClient, resource: LocalResource): Promise<boolean> {
    const result = await client.query<{ relkind: string }>(
      `SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = $2`,
      [resource.source.schema, resource.source.table],
    );
    // A partitioned table's row positions repeat across its partitions: it pages by offset too.
    return ['r', 'm'].includes(result.rows[0]?.relkind ?? '');
  }

  /** A source error as an answer: the table changed under the review (409), or the source failed (503). */
  private problem(resource: LocalResource, error: unknown): unknown {
    if (error instanceof GovdataError) return error;
    const code = (error as { code?: string }).code;
    if (code === '42703' || code === '42P01' || code === '42501') {
      return GovdataError.conflict(
        '该数据表已变化或不可读，待提供部门更新挂接并重新审核 (the table changed or cannot be read: the provider must update the mount and have it reviewed again)',
      );
    }
    if (code === '22P02' || code === '22007' || code === '22008' || code === '22003') {
      return badQuery(
        'filters',
        OpenDataRule.ValueType,
        '筛选值与字段类型不符 (a filter value does not match its column’s type)',
      );
    }
    return this.pools.unavailable(resource.source, error);
  }
}
