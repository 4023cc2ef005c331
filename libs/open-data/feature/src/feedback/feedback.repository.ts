import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import type { OpenDomain } from '../datasets/open-vocabulary.js';
import type { DemandOutcome, DemandRecord, ErrorReportOutcome, ErrorReportRecord } from './feedback.js';

interface DemandRaw {
  id: string;
  account_id: string;
  title: string;
  description: string;
  domain: OpenDomain | null;
  organisation_id: string | null;
  organisation_name: string | null;
  status: 'open' | 'answered';
  due_iso: string | null;
  due_provisional: boolean;
  submitted_at: Date;
  routed_at: Date | null;
  routed_by: string | null;
  answer_outcome: DemandOutcome | null;
  answer_text: string | null;
  answer_dataset_id: string | null;
  planned_by_iso: string | null;
  answered_at: Date | null;
  answered_by: string | null;
}

interface ErrorReportRaw {
  id: string;
  dataset_id: string;
  organisation_id: string;
  account_id: string;
  resource_id: string | null;
  item: string | null;
  row_hint: string | null;
  description: string;
  status: 'open' | ErrorReportOutcome;
  due_iso: string | null;
  due_provisional: boolean;
  submitted_at: Date;
  answer: string | null;
  answered_at: Date | null;
  answered_by: string | null;
}

const DEMAND = `*, to_char(due, 'YYYY-MM-DD') AS due_iso, to_char(answer_planned_by, 'YYYY-MM-DD') AS planned_by_iso`;
const REPORT = `*, to_char(due, 'YYYY-MM-DD') AS due_iso`;

function toDemand(r: DemandRaw): DemandRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    title: r.title,
    description: r.description,
    domain: r.domain,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    status: r.status,
    due: r.due_iso,
    dueProvisional: r.due_provisional,
    submittedAt: r.submitted_at.toISOString(),
    routedAt: r.routed_at?.toISOString() ?? null,
    routedBy: r.routed_by,
    answer:
      r.answer_outcome && r.answered_at
        ? {
            outcome: r.answer_outcome,
            text: r.answer_text ?? '',
            datasetId: r.answer_dataset_id,
            plannedBy: r.planned_by_iso,
            answeredAt: r.answered_at.toISOString(),
            answeredBy: r.answered_by ?? '',
          }
        : null,
  };
}

function toReport(r: ErrorReportRaw): ErrorReportRecord {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    organisationId: r.organisation_id,
    accountId: r.account_id,
    resourceId: r.resource_id,
    item: r.item,
    rowHint: r.row_hint,
    description: r.description,
    status: r.status,
    due: r.due_iso,
    dueProvisional: r.due_provisional,
    submittedAt: r.submitted_at.toISOString(),
    answer: r.answer,
    answeredAt: r.answered_at?.toISOString() ?? null,
    answeredBy: r.answered_by,
  };
}

export interface QueueFilter {
  /** A department's own; absent for the node authority. */
  organisationId?: string;
  /** Demands not yet routed to any department (the authority's routing queue). */
  unrouted?: boolean;
  status: string;
  limit: number;
}

/** Demands and error reports as stored: the only writer of `open_demand` and `open_error_report`. */
export class FeedbackRepository {
  async insertDemand(
    manager: EntityManager,
    d: Pick<
      DemandRecord,
      'id' | 'accountId' | 'title' | 'description' | 'domain' | 'organisationId' | 'organisationName' | 'due'
    > & { dueProvisional: boolean },
  ): Promise<DemandRecord> {
    const rows: DemandRaw[] = await manager.query(
      `INSERT INTO open_demand (id, account_id, title, description, domain, organisation_id, organisation_name,
         status, due, due_provisional, submitted_at, routed_at, routed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, now(),
         CASE WHEN $6::uuid IS NULL THEN NULL ELSE now() END, CASE WHEN $6::uuid IS NULL THEN NULL ELSE 'asker' END)
       RETURNING ${DEMAND}`,
      [
        d.id,
        d.accountId,
        d.title,
        d.description,
        d.domain,
        d.organisationId,
        d.organisationName,
        d.due,
        d.dueProvisional,
      ],
    );
    return toDemand(rows[0]!);
  }

  async findDemand(manager: EntityManager, id: string, lock = false): Promise<DemandRecord | null> {
    const rows: DemandRaw[] = await manager.query(
      `SELECT ${DEMAND} FROM open_demand WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toDemand(rows[0]) : null;
  }

  /** Newest first, by keyset (submitted_at, id): the public list, or one person's. */
  async demands(
    manager: EntityManager,
    f: { accountId?: string; status?: 'open' | 'answered'; after?: { at: string; id: string }; limit: number },
  ): Promise<DemandRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.accountId) where.push(`account_id = $${params.push(f.accountId)}`);
    if (f.status) where.push(`status = $${params.push(f.status)}`);
    if (f.after)
      where.push(`(submitted_at, id) < ($${params.push(f.after.at)}::timestamptz, $${params.push(f.after.id)}::uuid)`);
    const rows: DemandRaw[] = await manager.query(
      `SELECT ${DEMAND} FROM open_demand ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY submitted_at DESC, id DESC LIMIT $${params.push(f.limit)}`,
      params,
    );
    return rows.map(toDemand);
  }

  /** Oldest first: a queue is worked in the order it arrived. */
  async demandQueue(manager: EntityManager, f: QueueFilter): Promise<DemandRecord[]> {
    const where = ['status = $1'];
    const params: unknown[] = [f.status];
    if (f.organisationId) where.push(`organisation_id = $${params.push(f.organisationId)}`);
    if (f.unrouted) where.push('organisation_id IS NULL');
    const rows: DemandRaw[] = await manager.query(
      `SELECT ${DEMAND} FROM open_demand WHERE ${where.join(' AND ')} ORDER BY submitted_at, id LIMIT $${params.push(f.limit)}`,
      params,
    );
    return rows.map(toDemand);
  }

  async routeDemand(
    manager: EntityManager,
    id: string,
    r: { organisationId: string; organisationName: string; by: string; due: string | null; dueProvisional: boolean },
  ): Promise<DemandRecord> {
    const rows = await modifiedRows<DemandRaw>(
      manager,
      `UPDATE open_demand SET organisation_id = $2, organisation_name = $3, routed_at = now(), routed_by = $4,
         due = $5, due_provisional = $6
       WHERE id = $1 AND status = 'open' RETURNING ${DEMAND}`,
      [id, r.organisationId, r.organisationName, r.by, r.due, r.dueProvisional],
    );
    return toDemand(rows[0]!);
  }

  async answerDemand(
    manager: EntityManager,
    id: string,
    a: { outcome: DemandOutcome; text: string; datasetId: string | null; plannedBy: string | null; by: string },
  ): Promise<DemandRecord> {
    const rows = await modifiedRows<DemandRaw>(
      manager,
      `UPDATE open_demand SET status = 'answered', answer_outcome = $2, answer_text = $3, answer_dataset_id = $4,
         answer_planned_by = $5, answered_at = now(), answered_by = $6
       WHERE id = $1 AND status = 'open' RETURNING ${DEMAND}`,
      [id, a.outcome, a.text, a.datasetId, a.plannedBy, a.by],
    );
    return toDemand(rows[0]!);
  }

  /** The latest name a department provides data under on this node, if it provides any. */
  async departmentName(manager: EntityManager, nodeCode: string, organisationId: string): Promise<string | null> {
    const rows: Array<{ provider_name: string }> = await manager.query(
      `SELECT provider_name FROM open_dataset WHERE node_code = $1 AND origin_path IS NULL AND organisation_id = $2
        ORDER BY metadata_modified DESC LIMIT 1`,
      [nodeCode, organisationId],
    );
    return rows[0]?.provider_name ?? null;
  }

  async insertReport(
    manager: EntityManager,
    r: Pick<
      ErrorReportRecord,
      'id' | 'datasetId' | 'organisationId' | 'accountId' | 'resourceId' | 'item' | 'rowHint' | 'description' | 'due'
    > & { dueProvisional: boolean },
  ): Promise<ErrorReportRecord> {
    const rows: ErrorReportRaw[] = await manager.query(
      `INSERT INTO open_error_report (id, dataset_id, organisation_id, account_id, resource_id, item, row_hint,
         description, status, due, due_provisional, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, now()) RETURNING ${REPORT}`,
      [
        r.id,
        r.datasetId,
        r.organisationId,
        r.accountId,
        r.resourceId,
        r.item,
        r.rowHint,
        r.description,
        r.due,
        r.dueProvisional,
      ],
    );
    return toReport(rows[0]!);
  }

  async findReport(manager: EntityManager, id: string, lock = false): Promise<ErrorReportRecord | null> {
    const rows: ErrorReportRaw[] = await manager.query(
      `SELECT ${REPORT} FROM open_error_report WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toReport(rows[0]) : null;
  }

  async reportsOf(manager: EntityManager, accountId: string): Promise<ErrorReportRecord[]> {
    const rows: ErrorReportRaw[] = await manager.query(
      `SELECT ${REPORT} FROM open_error_report WHERE account_id = $1 ORDER BY submitted_at DESC, id LIMIT 500`,
      [accountId],
    );
    return rows.map(toReport);
  }

  async reportQueue(manager: EntityManager, f: QueueFilter): Promise<ErrorReportRecord[]> {
    const where = ['status = $1'];
    const params: unknown[] = [f.status];
    if (f.organisationId) where.push(`organisation_id = $${params.push(f.organisationId)}`);
    const rows: ErrorReportRaw[] = await manager.query(
      `SELECT ${REPORT} FROM open_error_report WHERE ${where.join(' AND ')} ORDER BY submitted_at, id
        LIMIT $${params.push(f.limit)}`,
      params,
    );
    return rows.map(toReport);
  }

  async answerReport(
    manager: EntityManager,
    id: string,
    a: { outcome: ErrorReportOutcome; answer: string; by: string },
  ): Promise<ErrorReportRecord> {
    const rows = await modifiedRows<ErrorReportRaw>(
      manager,
      `UPDATE open_error_report SET status = $2, answer = $3, answered_at = now(), answered_by = $4
       WHERE id = $1 AND status = 'open' RETURNING ${REPORT}`,
      [id, a.outcome, a.answer, a.by],
    );
    return toReport(rows[0]!);
  }
}
