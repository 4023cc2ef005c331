import type { IsoDate } from '@govdata/calendar';
import type { EntityManager } from 'typeorm';
import type { DueUnknown } from './deadline-clock.js';

type Row = Record<string, unknown>;

/** 年度复核 — one annual re-review campaign of a node. */
export interface ReviewCampaign {
  id: string;
  nodeCode: string;
  year: number;
  startedOn: IsoDate;
  workingDays: number;
  openedBy: string;
  openedAt: string;
  /** Opened on an ancestor node's directive (年度复核部署); null when the node's data-admin opened it. */
  directive: { origin: string; key: string } | null;
}

export interface CampaignCounts {
  total: number;
  /** Confirmed by a reviewer. */
  confirmed: number;
  /** Closed another way: a new version published, the entry retired. */
  closedOtherwise: number;
  open: number;
  /** Open and past the due date. */
  overdue: number;
  /** Open without a due date (the calendar lacks the year). */
  dueUnknown: number;
}

const CAMPAIGN_COLUMNS = `id, node_code, year, to_char(started_on, 'YYYY-MM-DD') AS started_on, working_days, opened_by,
  opened_at, directive_origin, directive_key`;

/** Annual re-review campaigns and their tasks (annual-review clocks). */
export class ReviewCampaignRepository {
  /** Null when the node already has a campaign for the year. */
  async insert(
    manager: EntityManager,
    campaign: {
      nodeCode: string;
      year: number;
      startedOn: IsoDate;
      workingDays: number;
      openedBy: string;
      directive?: { origin: string; key: string };
    },
  ): Promise<ReviewCampaign | null> {
    const rows: Row[] = await manager.query(
      `INSERT INTO review_campaign (node_code, year, started_on, working_days, opened_by, directive_origin, directive_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (node_code, year) DO NOTHING RETURNING ${CAMPAIGN_COLUMNS}`,
      [
        campaign.nodeCode,
        campaign.year,
        campaign.startedOn,
        campaign.workingDays,
        campaign.openedBy,
        campaign.directive?.origin ?? null,
        campaign.directive?.key ?? null,
      ],
    );
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async find(manager: EntityManager, nodeCode: string, id: string): Promise<ReviewCampaign | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM review_campaign WHERE node_code = $1 AND id = $2`,
      [nodeCode, id],
    );
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async findByYear(manager: EntityManager, nodeCode: string, year: number): Promise<ReviewCampaign | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM review_campaign WHERE node_code = $1 AND year = $2`,
      [nodeCode, year],
    );
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async list(manager: EntityManager, nodeCode: string): Promise<ReviewCampaign[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM review_campaign WHERE node_code = $1 ORDER BY year DESC`,
      [nodeCode],
    );
    return rows.map(toCampaign);
  }

  /**
   * Opens one task (annual-review clock) for every published, non-retired entry of the node, on the
   * published version; returns how many were opened.
   */
  async openTasks(
    manager: EntityManager,
    campaign: ReviewCampaign,
    due: { dueOn: IsoDate | null; dueUnknown: DueUnknown | null; provisional: boolean },
    reason: string,
  ): Promise<number> {
    const rows: Row[] = await manager.query(
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

  /** Task counts, optionally for one organisation's entries. */
  async counts(
    manager: EntityManager,
    campaignId: string,
    today: IsoDate,
    organisationId?: string,
  ): Promise<CampaignCounts> {
    const rows: Row[] = await manager.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status <> 'open' AND close_reason = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE status <> 'open' AND close_reason <> 'confirmed')::int AS closed_otherwise,
              count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'open' AND due_on < $2::date)::int AS overdue,
              count(*) FILTER (WHERE status = 'open' AND due_unknown IS NOT NULL)::int AS due_unknown
       FROM deadline_clock WHERE campaign_id = $1 AND ($3::uuid IS NULL OR organisation_id = $3::uuid)`,
      [campaignId, today, organisationId ?? null],
    );
    const row = rows[0]!;
    return {
      total: row['total'] as number,
      confirmed: row['confirmed'] as number,
      closedOtherwise: row['closed_otherwise'] as number,
      open: row['open'] as number,
      overdue: row['overdue'] as number,
      dueUnknown: row['due_unknown'] as number,
    };
  }
}

function toCampaign(row: Row): ReviewCampaign {
  return {
    id: row['id'] as string,
    nodeCode: row['node_code'] as string,
    year: row['year'] as number,
    startedOn: row['started_on'] as string,
    workingDays: row['working_days'] as number,
    openedBy: row['opened_by'] as string,
    openedAt: (row['opened_at'] as Date).toISOString(),
    directive: row['directive_origin']
      ? { origin: row['directive_origin'] as string, key: row['directive_key'] as string }
      : null,
  };
}
