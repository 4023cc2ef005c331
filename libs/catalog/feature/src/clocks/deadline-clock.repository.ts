import type { IsoDate } from '@govdata/calendar';
import type { EntityManager } from 'typeorm';
import type { ClockKind, ClockStatus, ClockTrigger, CloseReason, DeadlineClock, DueUnknown } from './deadline-clock.js';

export const CLOCK_COLUMNS = `c.id, c.node_code, c.kind, c.organisation_id, c.entry_id, c.entry_version, c.system_id,
  c.campaign_id, c.trigger, c.reason, to_char(c.started_on, 'YYYY-MM-DD') AS started_on, c.working_days,
  to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.due_unknown, c.due_provisional, c.status, c.opened_by, c.opened_at,
  to_char(c.closed_on, 'YYYY-MM-DD') AS closed_on, c.closed_at, c.closed_by, c.close_reason, c.closing_entry_id`;

export interface NewClock {
  nodeCode: string;
  kind: ClockKind;
  organisationId: string;
  entryId?: string | null;
  entryVersion?: number | null;
  systemId?: string | null;
  campaignId?: string | null;
  trigger: ClockTrigger;
  reason?: string | null;
  startedOn: IsoDate;
  workingDays: number;
  dueOn: IsoDate | null;
  dueUnknown: DueUnknown | null;
  provisional: boolean;
  openedBy: string;
}

export interface ClockClosing {
  status: Exclude<ClockStatus, 'open'>;
  closedOn: IsoDate;
  closedBy: string;
  closeReason: CloseReason;
  closingEntryId?: string | null;
}

export interface ClockFilter {
  organisationId?: string;
  entryId?: string;
  campaignId?: string;
  kind?: ClockKind;
  status?: ClockStatus;
  limit: number;
}

/** An open clock that needs attention: past its due date, or without one. */
export interface AttentionRow {
  clock: DeadlineClock;
  organisationName: string | null;
}

/** Queries on working-day clocks. Every query is scoped to a node. */
export class DeadlineClockRepository {
  async insert(manager: EntityManager, clock: NewClock): Promise<DeadlineClock> {
    const rows: DeadlineClockRaw[] = await manager.query(
      `INSERT INTO deadline_clock AS c (node_code, kind, organisation_id, entry_id, entry_version, system_id, campaign_id,
         trigger, reason, started_on, working_days, due_on, due_unknown, opened_by, due_provisional)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING ${CLOCK_COLUMNS}`,
      [
        clock.nodeCode,
        clock.kind,
        clock.organisationId,
        clock.entryId ?? null,
        clock.entryVersion ?? null,
        clock.systemId ?? null,
        clock.campaignId ?? null,
        clock.trigger,
        clock.reason ?? null,
        clock.startedOn,
        clock.workingDays,
        clock.dueOn,
        clock.dueUnknown,
        clock.openedBy,
        clock.provisional,
      ],
    );
    return toClock(rows[0]!);
  }

  async find(manager: EntityManager, nodeCode: string, id: string, forUpdate = false): Promise<DeadlineClock | null> {
    const rows: DeadlineClockRaw[] = await manager.query(
      `SELECT ${CLOCK_COLUMNS} FROM deadline_clock c WHERE c.node_code = $1 AND c.id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [nodeCode, id],
    );
    return rows[0] ? toClock(rows[0]) : null;
  }

  /** Open clocks of these kinds on an entry, locked for closing. */
  async openForEntry(
    manager: EntityManager,
    nodeCode: string,
    entryId: string,
    kinds: ClockKind[],
  ): Promise<DeadlineClock[]> {
    const rows: DeadlineClockRaw[] = await manager.query(
      `SELECT ${CLOCK_COLUMNS} FROM deadline_clock c
       WHERE c.node_code = $1 AND c.entry_id = $2 AND c.kind = ANY($3) AND c.status = 'open'
       ORDER BY c.opened_at, c.id FOR UPDATE`,
      [nodeCode, entryId, kinds],
    );
    return rows.map(toClock);
  }

  /** The task of an annual re-review campaign for an entry, locked for closing. */
  async findTask(
    manager: EntityManager,
    nodeCode: string,
    campaignId: string,
    entryId: string,
  ): Promise<DeadlineClock | null> {
    const rows: DeadlineClockRaw[] = await manager.query(
      `SELECT ${CLOCK_COLUMNS} FROM deadline_clock c
       WHERE c.node_code = $1 AND c.campaign_id = $2 AND c.entry_id = $3 FOR UPDATE`,
      [nodeCode, campaignId, entryId],
    );
    return rows[0] ? toClock(rows[0]) : null;
  }

  /** Open registration clocks of an organisation for a system, locked for closing. */
  async openRegistrationsForSystem(
    manager: EntityManager,
    nodeCode: string,
    organisationId: string,
    systemId: string,
  ): Promise<DeadlineClock[]> {
    const rows: DeadlineClockRaw[] = await manager.query(
      `SELECT ${CLOCK_COLUMNS} FROM deadline_clock c
       WHERE c.node_code = $1 AND c.organisation_id = $2 AND c.system_id = $3 AND c.kind = 'registration'
         AND c.status = 'open'
       FOR UPDATE`,
      [nodeCode, organisationId, systemId],
    );
    return rows.map(toClock);
  }

  async close(
    manager: EntityManager,
    id: string,
    closing: ClockClosing,
    dueOn: IsoDate | null,
    provisional = false,
  ): Promise<DeadlineClock> {
    // A data-modifying CTE: TypeORM returns an UPDATE's rows with its count, a SELECT's rows alone.
    const rows: DeadlineClockRaw[] = await manager.query(
      `WITH c AS (
         UPDATE deadline_clock c SET status = $2, closed_on = $3, closed_at = now(), closed_by = $4, close_reason = $5,
           closing_entry_id = $6,
           due_on = coalesce(c.due_on, $7::date),
           due_unknown = CASE WHEN coalesce(c.due_on, $7::date) IS NULL THEN c.due_unknown END,
           due_provisional = CASE WHEN c.due_on IS NULL THEN $8::boolean ELSE c.due_provisional END
         WHERE c.id = $1 AND c.status = 'open'
         RETURNING c.*)
       SELECT ${CLOCK_COLUMNS} FROM c`,
      [
        id,
        closing.status,
        closing.closedOn,
        closing.closedBy,
        closing.closeReason,
        closing.closingEntryId ?? null,
        dueOn,
        provisional,
      ],
    );
    return toClock(rows[0]!);
  }

  async list(manager: EntityManager, nodeCode: string, filter: ClockFilter): Promise<DeadlineClock[]> {
    const where = ['c.node_code = $1'];
    const params: unknown[] = [nodeCode];
    const add = (column: string, value: unknown) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    add('c.organisation_id', filter.organisationId);
    add('c.entry_id', filter.entryId);
    add('c.campaign_id', filter.campaignId);
    add('c.kind', filter.kind);
    add('c.status', filter.status);
    params.push(filter.limit);
    const rows: DeadlineClockRaw[] = await manager.query(
      `SELECT ${CLOCK_COLUMNS} FROM deadline_clock c WHERE ${where.join(' AND ')}
       ORDER BY c.opened_at DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toClock);
  }

  /** Open clocks past their due date (`due_on < today`) or without a due date, with the organisation's name. */
  async needingAttention(
    manager: EntityManager,
    nodeCode: string,
    today: IsoDate,
    organisationId?: string,
  ): Promise<AttentionRow[]> {
    const rows: Array<DeadlineClockRaw & { organisation_name: string | null }> = await manager.query(
      `SELECT ${CLOCK_COLUMNS}, o.name AS organisation_name
       FROM deadline_clock c LEFT JOIN organisation_ref o ON o.id = c.organisation_id
       WHERE c.node_code = $1 AND c.status = 'open' AND (c.due_on < $2::date OR c.due_unknown IS NOT NULL)
         AND ($3::uuid IS NULL OR c.organisation_id = $3::uuid)
       ORDER BY c.organisation_id, c.due_on NULLS LAST, c.id`,
      [nodeCode, today, organisationId ?? null],
    );
    return rows.map((row) => ({
      clock: toClock(row),
      organisationName: row.organisation_name ?? null,
    }));
  }

  /** Clocks still without a due date (open, or closed awaiting the calendar), locked for update. */
  async withUnknownDue(manager: EntityManager, nodeCode: string): Promise<DeadlineClock[]> {
    const rows: DeadlineClockRaw[] = await manager.query(
      `SELECT ${CLOCK_COLUMNS} FROM deadline_clock c WHERE c.node_code = $1 AND c.due_unknown IS NOT NULL
       ORDER BY c.id FOR UPDATE`,
      [nodeCode],
    );
    return rows.map(toClock);
  }

  /** Clocks whose due date was counted on a year without its notice, locked for update. */
  async withProvisionalDue(manager: EntityManager, nodeCode: string): Promise<DeadlineClock[]> {
    const rows: DeadlineClockRaw[] = await manager.query(
      `SELECT ${CLOCK_COLUMNS} FROM deadline_clock c WHERE c.node_code = $1 AND c.due_provisional
       ORDER BY c.id FOR UPDATE`,
      [nodeCode],
    );
    return rows.map(toClock);
  }

  /** Gives a clock the due date the calendar now knows, and settles a closing that waited for it. */
  async setDue(
    manager: EntityManager,
    id: string,
    dueOn: IsoDate,
    status: ClockStatus,
    provisional: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE deadline_clock SET due_on = $2, due_unknown = NULL, status = $3, due_provisional = $4 WHERE id = $1`,
      [id, dueOn, status, provisional],
    );
  }

  /**
   * Opens one task (annual-review clock) of the campaign for every published, non-retired entry of
   * the node, on the published version; returns how many were opened.
   */
  async openAnnualReviewTasks(
    manager: EntityManager,
    campaign: { id: string; nodeCode: string; startedOn: IsoDate; workingDays: number; openedBy: string },
    due: { dueOn: IsoDate | null; dueUnknown: DueUnknown | null; provisional: boolean },
    reason: string,
  ): Promise<number> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO deadline_clock (node_code, kind, organisation_id, entry_id, entry_version, campaign_id, trigger, reason,
         started_on, working_days, due_on, due_unknown, opened_by, due_provisional)
       SELECT e.node_code, 'annual-review', e.organisation_id, e.id, e.published_version, $2, 'annual-campaign', $3,
         $4, $5, $6, $7, $8, $9
       FROM catalog_entry e
       WHERE e.node_code = $1 AND e.published_version IS NOT NULL AND e.retired_at IS NULL
       RETURNING id`,
      [
        campaign.nodeCode,
        campaign.id,
        reason,
        campaign.startedOn,
        campaign.workingDays,
        due.dueOn,
        due.dueUnknown,
        campaign.openedBy,
        due.provisional,
      ],
    );
    return rows.length;
  }

  /** Whether the organisation is one of this node's active providers. */
  async organisationActive(manager: EntityManager, nodeCode: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM organisation_ref WHERE id = $1 AND node_code = $2 AND active',
      [organisationId, nodeCode],
    );
    return rows.length > 0;
  }
}

/** A `deadline_clock` row as {@link CLOCK_COLUMNS} selects it (dates as `YYYY-MM-DD`). */
export interface DeadlineClockRaw {
  id: string;
  node_code: string;
  kind: ClockKind;
  organisation_id: string;
  entry_id: string | null;
  entry_version: number | null;
  system_id: string | null;
  campaign_id: string | null;
  trigger: ClockTrigger;
  reason: string | null;
  started_on: IsoDate;
  working_days: number;
  due_on: IsoDate | null;
  due_unknown: DueUnknown | null;
  due_provisional: boolean;
  status: ClockStatus;
  opened_by: string;
  opened_at: Date;
  closed_on: IsoDate | null;
  closed_at: Date | null;
  closed_by: string | null;
  close_reason: CloseReason | null;
  closing_entry_id: string | null;
}

export function toClock(row: DeadlineClockRaw): DeadlineClock {
  return {
    id: row.id,
    nodeCode: row.node_code,
    kind: row.kind,
    organisationId: row.organisation_id,
    entryId: row.entry_id ?? null,
    entryVersion: row.entry_version ?? null,
    systemId: row.system_id ?? null,
    campaignId: row.campaign_id ?? null,
    trigger: row.trigger,
    reason: row.reason ?? null,
    startedOn: row.started_on,
    workingDays: row.working_days,
    dueOn: row.due_on ?? null,
    dueUnknown: row.due_unknown ?? null,
    provisional: row.due_provisional === true,
    status: row.status,
    openedBy: row.opened_by,
    openedAt: row.opened_at.toISOString(),
    closedOn: row.closed_on ?? null,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    closedBy: row.closed_by ?? null,
    closeReason: row.close_reason ?? null,
    closingEntryId: row.closing_entry_id ?? null,
  };
}
