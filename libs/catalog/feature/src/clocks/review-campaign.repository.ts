import type { IsoDate } from '@govdata/calendar';
import type { EntityManager } from 'typeorm';

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

/** Annual re-review campaigns, and the progress of their tasks (annual-review clocks). */
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
    const rows: ReviewCampaignRaw[] = await manager.query(
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
    const rows: ReviewCampaignRaw[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM review_campaign WHERE node_code = $1 AND id = $2`,
      [nodeCode, id],
    );
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async findByYear(manager: EntityManager, nodeCode: string, year: number): Promise<ReviewCampaign | null> {
    const rows: ReviewCampaignRaw[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM review_campaign WHERE node_code = $1 AND year = $2`,
      [nodeCode, year],
    );
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async list(manager: EntityManager, nodeCode: string): Promise<ReviewCampaign[]> {
    const rows: ReviewCampaignRaw[] = await manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM review_campaign WHERE node_code = $1 ORDER BY year DESC`,
      [nodeCode],
    );
    return rows.map(toCampaign);
  }

  /** Task counts, optionally for one organisation's entries. */
  async counts(
    manager: EntityManager,
    campaignId: string,
    today: IsoDate,
    organisationId?: string,
  ): Promise<CampaignCounts> {
    const rows: CampaignCountsRaw[] = await manager.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status <> 'open' AND close_reason = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE status <> 'open' AND close_reason <> 'confirmed')::int AS closed_otherwise,
              count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'open' AND due_on < $2::date)::int AS overdue,
              count(*) FILTER (WHERE status = 'open' AND due_unknown IS NOT NULL)::int AS due_unknown
       FROM deadline_clock WHERE campaign_id = $1 AND ($3::uuid IS NULL OR organisation_id = $3::uuid)`,
      [campaignId, today, organisationId ?? null],
    );
    return toCampaignCounts(rows[0]!);
  }
}

/** A `review_campaign` row as {@link CAMPAIGN_COLUMNS} selects it. */
export interface ReviewCampaignRaw {
  id: string;
  node_code: string;
  year: number;
  started_on: IsoDate;
  working_days: number;
  opened_by: string;
  opened_at: Date;
  directive_origin: string | null;
  directive_key: string | null;
}

export function toCampaign(row: ReviewCampaignRaw): ReviewCampaign {
  return {
    id: row.id,
    nodeCode: row.node_code,
    year: row.year,
    startedOn: row.started_on,
    workingDays: row.working_days,
    openedBy: row.opened_by,
    openedAt: row.opened_at.toISOString(),
    directive: row.directive_origin ? { origin: row.directive_origin, key: row.directive_key! } : null,
  };
}

/** The task counts as the progress query selects them. */
export interface CampaignCountsRaw {
  total: number;
  confirmed: number;
  closed_otherwise: number;
  open: number;
  overdue: number;
  due_unknown: number;
}

export function toCampaignCounts(row: CampaignCountsRaw): CampaignCounts {
  return {
    total: row.total,
    confirmed: row.confirmed,
    closedOtherwise: row.closed_otherwise,
    open: row.open,
    overdue: row.overdue,
    dueUnknown: row.due_unknown,
  };
}
