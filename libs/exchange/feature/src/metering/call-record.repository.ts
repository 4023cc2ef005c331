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

export const METERING_DIMENSIONS = ['grant', 'resource', 'consumer', 'provider'] as const;
export type MeteringDimension = (typeof METERING_DIMENSIONS)[number];

const DIMENSION_COLUMN: Record<MeteringDimension, string> = {
  grant: 'grant_id',
  resource: 'resource_id',
  consumer: 'consumer_organisation_id',
  provider: 'provider_organisation_id',
};

/** 計量 — calls, outcomes, latency and bytes of one key of a dimension over a period. */
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
  async insertMany(manager: EntityManager, calls: readonly CallRecord[]): Promise<void> {
    const column = <K extends keyof CallRecord>(key: K) => calls.map((c) => c[key]);
    await manager.query(
      `INSERT INTO exchange_call (call_id, leaf_index, at, grant_id, resource_id, entry_id, consumer_node,
         consumer_organisation_id, consumer_subject, provider_node, provider_organisation_id, method, operation_path,
         outcome, status, reason, latency_ms, bytes, records)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[],
         $8::uuid[], $9::text[], $10::text[], $11::uuid[], $12::text[], $13::text[], $14::text[], $15::smallint[],
         $16::text[], $17::int[], $18::bigint[], $19::int[])`,
      [
        column('callId'),
        column('leafIndex'),
        column('at'),
        column('grantId'),
        column('resourceId'),
        column('entryId'),
        column('consumerNode'),
        column('consumerOrganisationId'),
        column('consumerSubject'),
        column('providerNode'),
        column('providerOrganisationId'),
        column('method'),
        column('operationPath'),
        column('outcome'),
        column('status'),
        column('reason'),
        column('latencyMs'),
        column('bytes'),
        column('records'),
      ],
    );
  }

  /** Where a call sits in the ledger, with the parties who may see its proof. */
  async findCall(
    manager: EntityManager,
    callId: string,
  ): Promise<{ leafIndex: number; consumerOrganisationId: string; providerOrganisationId: string } | null> {
    const rows: Array<{ leaf_index: string; consumer_organisation_id: string; provider_organisation_id: string }> =
      await manager.query(
        'SELECT leaf_index, consumer_organisation_id, provider_organisation_id FROM exchange_call WHERE call_id = $1',
        [callId],
      );
    const row = rows[0];
    return row
      ? {
          leafIndex: Number(row.leaf_index),
          consumerOrganisationId: row.consumer_organisation_id,
          providerOrganisationId: row.provider_organisation_id,
        }
      : null;
  }

  /** Ledger indices of an organisation's calls as consumer or provider, in log order. */
  async ledgerIndicesOf(
    manager: EntityManager,
    side: 'consumer' | 'provider',
    organisationId: string,
    window: { from: Date; to: Date; afterIndex: number; limit: number },
  ): Promise<number[]> {
    const column = side === 'consumer' ? 'consumer_organisation_id' : 'provider_organisation_id';
    const rows: Array<{ leaf_index: string }> = await manager.query(
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
    const rows: Array<Record<string, string | number | null>> = await manager.query(
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
    return rows.map((r) => ({
      key: r['key'] === null ? null : String(r['key']),
      calls: Number(r['calls']),
      ok: Number(r['ok']),
      denied: Number(r['denied']),
      failed: Number(r['failed']),
      errors: Number(r['errors']),
      latencyAvgMs: Math.round(Number(r['latency_avg']) * 10) / 10,
      latencyP95Ms: Math.round(Number(r['latency_p95']) * 10) / 10,
      latencyMaxMs: Number(r['latency_max']),
      bytes: Number(r['bytes']),
      records: Number(r['records']),
    }));
  }
}
