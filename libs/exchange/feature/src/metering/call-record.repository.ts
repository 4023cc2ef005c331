import { Injectable } from '@nestjs/common';
import type { ExchangeCallOutcome } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';

/** One logged call as metered (a row of `exchange_call`). */
export interface CallRecord {
  callId: string;
  leafIndex: number;
  at: Date;
  grantId: string;
  resourceId: string | null;
  entryId: string;
  consumerNode: string;
  consumerOrganisationId: string;
  consumerSubject: string;
  providerNode: string;
  providerOrganisationId: string;
  method: string;
  operationPath: string;
  outcome: ExchangeCallOutcome;
  status: number;
  reason: string | null;
  latencyMs: number;
  bytes: number;
  records: number;
}

/** The columns of `exchange_call`, the field each holds and its type, in insert order. */
const CALL_COLUMNS: ReadonlyArray<readonly [column: string, field: keyof CallRecord, type: string]> = [
  ['call_id', 'callId', 'uuid'],
  ['leaf_index', 'leafIndex', 'bigint'],
  ['at', 'at', 'timestamptz'],
  ['grant_id', 'grantId', 'uuid'],
  ['resource_id', 'resourceId', 'uuid'],
  ['entry_id', 'entryId', 'uuid'],
  ['consumer_node', 'consumerNode', 'text'],
  ['consumer_organisation_id', 'consumerOrganisationId', 'uuid'],
  ['consumer_subject', 'consumerSubject', 'text'],
  ['provider_node', 'providerNode', 'text'],
  ['provider_organisation_id', 'providerOrganisationId', 'uuid'],
  ['method', 'method', 'text'],
  ['operation_path', 'operationPath', 'text'],
  ['outcome', 'outcome', 'text'],
  ['status', 'status', 'smallint'],
  ['reason', 'reason', 'text'],
  ['latency_ms', 'latencyMs', 'int'],
  ['bytes', 'bytes', 'bigint'],
  ['records', 'records', 'int'],
];

export const METERING_DIMENSIONS = ['grant', 'resource', 'consumer', 'provider'] as const;
export type MeteringDimension = (typeof METERING_DIMENSIONS)[number];

const DIMENSION_COLUMN: Record<MeteringDimension, string> = {
  grant: 'grant_id',
  resource: 'resource_id',
  consumer: 'consumer_organisation_id',
  provider: 'provider_organisation_id',
};

/** 计量 — calls, outcomes, latency and bytes of one key of a dimension over a period. */
export interface MeteringRow {
  key: string | null;
  calls: number;
  ok: number;
  denied: number;
  failed: number;
  /** Answers with a status of 400 or more (refusals and upstream errors alike). */
  errors: number;
  latencyAvgMs: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
  bytes: number;
  records: number;
}

/** The calls the exchange logged: the metering rows, and how a call id finds its ledger entry. */
@Injectable()
export class CallRecordRepository {
  /**
   * The insert of calls as a CTE of the statement that appends them to the ledger
   * (`WritesAlongside`): one array parameter per column from `$firstParam`, rows written where
   * `applied` holds.
   */
  insertAlongside(
    calls: readonly CallRecord[],
    firstParam: number,
    applied: string,
  ): { cte: string; params: unknown[] } {
    const columns = CALL_COLUMNS.map(([column]) => column).join(', ');
    const arrays = CALL_COLUMNS.map(([, , type], i) => `$${firstParam + i}::${type}[]`).join(', ');
    return {
      cte: `calls AS (
        INSERT INTO exchange_call (${columns}) SELECT * FROM unnest(${arrays}) WHERE ${applied}
      )`,
      params: CALL_COLUMNS.map(([, field]) => calls.map((call) => call[field])),
    };
  }

  /** Where a call sits in the ledger, with the parties who may see its proof. */
  async findCall(manager: EntityManager, callId: string): Promise<CallLocation | null> {
    const rows: CallLocationRaw[] = await manager.query(
      'SELECT leaf_index, consumer_organisation_id, provider_organisation_id FROM exchange_call WHERE call_id = $1',
      [callId],
    );
    return rows[0] ? toCallLocation(rows[0]) : null;
  }

  /** Ledger indices of an organisation's calls as consumer or provider, in log order. */
  async ledgerIndicesOf(
    manager: EntityManager,
    side: 'consumer' | 'provider',
    organisationId: string,
    window: { from: Date; to: Date; afterIndex: number; limit: number },
  ): Promise<number[]> {
    const column = side === 'consumer' ? 'consumer_organisation_id' : 'provider_organisation_id';
    const rows: Array<Pick<CallLocationRaw, 'leaf_index'>> = await manager.query(
      `SELECT leaf_index FROM exchange_call
        WHERE ${column} = $1 AND at >= $2 AND at < $3 AND leaf_index > $4
        ORDER BY leaf_index LIMIT $5`,
      [organisationId, window.from, window.to, window.afterIndex, window.limit],
    );
    return rows.map((r) => Number(r.leaf_index));
  }

  /**
   * Aggregates by one dimension over [from, to). `organisationId` limits the rows to calls the
   * organisation made or served (null: every call of the node).
   */
  async aggregate(
    manager: EntityManager,
    by: MeteringDimension,
    window: { from: Date; to: Date },
    organisationId: string | null,
  ): Promise<MeteringRow[]> {
    const key = DIMENSION_COLUMN[by];
    const rows: MeteringRowRaw[] = await manager.query(
      `SELECT ${key}::text AS key, count(*) AS calls,
              count(*) FILTER (WHERE outcome = 'ok') AS ok,
              count(*) FILTER (WHERE outcome = 'denied') AS denied,
              count(*) FILTER (WHERE outcome = 'failed') AS failed,
              count(*) FILTER (WHERE status >= 400) AS errors,
              avg(latency_ms) AS latency_avg,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS latency_p95,
              max(latency_ms) AS latency_max,
              coalesce(sum(bytes), 0) AS bytes, coalesce(sum(records), 0) AS records
         FROM exchange_call
        WHERE at >= $1 AND at < $2
          AND ($3::uuid IS NULL OR consumer_organisation_id = $3 OR provider_organisation_id = $3)
        GROUP BY ${key} ORDER BY count(*) DESC, ${key} LIMIT 1000`,
      [window.from, window.to, organisationId],
    );
    return rows.map(toMeteringRow);
  }
}

/** Where a call sits in the ledger, with the parties who may see its proof. */
export interface CallLocation {
  leafIndex: number;
  consumerOrganisationId: string;
  providerOrganisationId: string;
}

/** The `exchange_call` columns that locate a call, as pg returns them (bigint as text). */
export interface CallLocationRaw {
  leaf_index: string | number;
  consumer_organisation_id: string;
  provider_organisation_id: string;
}

export function toCallLocation(row: CallLocationRaw): CallLocation {
  return {
    leafIndex: Number(row.leaf_index),
    consumerOrganisationId: row.consumer_organisation_id,
    providerOrganisationId: row.provider_organisation_id,
  };
}

/**
 * One group of the metering aggregate as pg returns it: counts and sums of bigint as text, the
 * average as numeric text, the percentile a double, the maximum an integer (null in an empty group).
 */
export interface MeteringRowRaw {
  key: string | null;
  calls: string | number;
  ok: string | number;
  denied: string | number;
  failed: string | number;
  errors: string | number;
  latency_avg: string | number | null;
  latency_p95: string | number | null;
  latency_max: string | number | null;
  bytes: string | number;
  records: string | number;
}

export function toMeteringRow(row: MeteringRowRaw): MeteringRow {
  return {
    key: row.key === null ? null : String(row.key),
    calls: Number(row.calls),
    ok: Number(row.ok),
    denied: Number(row.denied),
    failed: Number(row.failed),
    errors: Number(row.errors),
    latencyAvgMs: Math.round(Number(row.latency_avg) * 10) / 10,
    latencyP95Ms: Math.round(Number(row.latency_p95) * 10) / 10,
    latencyMaxMs: Number(row.latency_max),
    bytes: Number(row.bytes),
    records: Number(row.records),
  };
}
