import type { GrantTerms } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';
import type {
  ApplicationAction,
  ApplicationRecord,
  ApplicationState,
  ApplicationTarget,
  ExpectedVolume,
  StepDecision,
  StepKind,
  TimelineStep,
} from './application.types.js';

/** A row of `application` as the queries below select it (`valid_until` as `YYYY-MM-DD`). */
export interface ApplicationRow {
  id: string;
  node_code: string;
  version: number;
  state: ApplicationState;
  last_action: ApplicationAction;
  applicant_organisation_id: string;
  applicant_node: string;
  applicant_subject: string;
  applicant_name: string | null;
  target_kind: ApplicationTarget['kind'];
  entry_id: string | null;
  entry_code: string | null;
  entry_name: string | null;
  provider_node: string;
  provider_organisation_id: string | null;
  target_description: string | null;
  requested_items: string[];
  purpose: string;
  legal_basis: string;
  scenario: string | null;
  valid_until: string;
  expected_volume: ExpectedVolume | null;
  grant_terms: GrantTerms | null;
  filed_at: Date;
  changed_at: Date;
  changed_at_node: string;
  received_at: Date | null;
}

/** A row of `application_step` as the queries below select it (`due_on` as `YYYY-MM-DD`). */
export interface ApplicationStepRow {
  seq: number;
  step: StepKind;
  assignee: TimelineStep['assignee'] | null;
  opened_at: Date;
  due_on: string | null;
  due_provisional: boolean;
  decision: StepDecision | null;
  decided_at: Date | null;
  actor: TimelineStep['actor'] | null;
  ground_code: string | null;
  ground_title: string | null;
  comment: string | null;
  terms: TimelineStep['terms'] | null;
}

/** What deciding an open step records. */
export type StepDecisionRecord = Pick<
  TimelineStep,
  'decidedAt' | 'actor' | 'groundCode' | 'groundTitle' | 'comment' | 'terms'
> & {
  decision: StepDecision;
};

const COLUMNS = `id, node_code, version, state, last_action, applicant_organisation_id, applicant_node, applicant_subject,
  applicant_name, target_kind, entry_id, entry_code, entry_name, provider_node, provider_organisation_id,
  target_description, requested_items, purpose, legal_basis, scenario, to_char(valid_until, 'YYYY-MM-DD') AS valid_until,
  expected_volume, grant_terms, filed_at, changed_at, changed_at_node, received_at`;

const STEP_COLUMNS = `seq, step, assignee, opened_at, to_char(due_on, 'YYYY-MM-DD') AS due_on, due_provisional, decision,
  decided_at, actor, ground_code, ground_title, comment, terms`;

/** Which applications a list shows a principal at this node. */
export interface ApplicationScope {
  thisNode: string;
  organisationId: string;
  dataAdmin: boolean;
  /** Roles the principal holds, for `to-review`. */
  roles: readonly string[];
}

export interface ApplicationFilter {
  view: 'all' | 'mine' | 'to-review' | 'provided';
  state?: ApplicationState;
  limit: number;
  offset: number;
}

/** `application` and `application_step`: applications filed here and copies of other nodes' that concern this node. */
export class ApplicationRepository {
  async insert(manager: EntityManager, app: ApplicationRecord): Promise<void> {
    await manager.query(
      `INSERT INTO application (id, node_code, version, state, last_action, applicant_organisation_id, applicant_node,
              applicant_subject, applicant_name, target_kind, entry_id, entry_code, entry_name, provider_node,
              provider_organisation_id, target_description, requested_items, purpose, legal_basis, scenario,
              valid_until, expected_volume, grant_terms, filed_at, changed_at, changed_at_node, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::text[], $18, $19, $20,
               $21::date, $22::jsonb, $23::jsonb, $24, $25, $26, $27)`,
      values(app),
    );
  }

  /**
   * Stores a copy from another node when its version is higher than the one held (one statement,
   * so two deliveries cannot both win). True when it was applied.
   */
  async upsertIfNewer(manager: EntityManager, app: ApplicationRecord): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO application (id, node_code, version, state, last_action, applicant_organisation_id, applicant_node,
              applicant_subject, applicant_name, target_kind, entry_id, entry_code, entry_name, provider_node,
              provider_organisation_id, target_description, requested_items, purpose, legal_basis, scenario,
              valid_until, expected_volume, grant_terms, filed_at, changed_at, changed_at_node, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::text[], $18, $19, $20,
               $21::date, $22::jsonb, $23::jsonb, $24, $25, $26, $27)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state,
              last_action = EXCLUDED.last_action, applicant_name = EXCLUDED.applicant_name,
              target_kind = EXCLUDED.target_kind, entry_id = EXCLUDED.entry_id, entry_code = EXCLUDED.entry_code,
              entry_name = EXCLUDED.entry_name, provider_node = EXCLUDED.provider_node,
              provider_organisation_id = EXCLUDED.provider_organisation_id,
              target_description = EXCLUDED.target_description, requested_items = EXCLUDED.requested_items,
              purpose = EXCLUDED.purpose, legal_basis = EXCLUDED.legal_basis, scenario = EXCLUDED.scenario,
              valid_until = EXCLUDED.valid_until, expected_volume = EXCLUDED.expected_volume,
              grant_terms = EXCLUDED.grant_terms, changed_at = EXCLUDED.changed_at,
              changed_at_node = EXCLUDED.changed_at_node, received_at = EXCLUDED.received_at
        WHERE application.version < EXCLUDED.version
       RETURNING id`,
      values(app),
    );
    return rows.length > 0;
  }

  /** Writes the application's new state after a change made here (the caller holds the row lock). */
  async update(manager: EntityManager, app: ApplicationRecord): Promise<void> {
    await manager.query(
      `UPDATE application SET version = $2, state = $3, last_action = $4, target_kind = $5, entry_id = $6,
              entry_code = $7, entry_name = $8, provider_organisation_id = $9, grant_terms = $10::jsonb,
              changed_at = $11, changed_at_node = $12, received_at = NULL
        WHERE id = $1`,
      [
        app.id,
        app.version,
        app.state,
        app.lastAction,
        app.target.kind,
        app.target.entryId,
        app.target.entryCode,
        app.target.entryName,
        app.target.providerOrganisationId,
        app.grant ? JSON.stringify(app.grant) : null,
        app.changedAt,
        app.changedAtNode,
      ],
    );
  }

  async find(manager: EntityManager, id: string): Promise<ApplicationRecord | null> {
    const rows: ApplicationRow[] = await manager.query(`SELECT ${COLUMNS} FROM application WHERE id = $1`, [id]);
    return rows[0] ? toApplicationRecord(rows[0]) : null;
  }

  /** Locks the row for a change made here. */
  async lock(manager: EntityManager, id: string): Promise<ApplicationRecord | null> {
    const rows: ApplicationRow[] = await manager.query(`SELECT ${COLUMNS} FROM application WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] ? toApplicationRecord(rows[0]) : null;
  }

  /** Grants of this node's data whose validity ended before `today`, locked (others' locks are skipped). */
  async lockExpired(
    manager: EntityManager,
    providerNode: string,
    today: string,
    limit: number,
  ): Promise<ApplicationRecord[]> {
    const rows: ApplicationRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM application
        WHERE state = 'granted' AND provider_node = $1 AND (grant_terms->>'validUntil')::date < $2::date
        ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [providerNode, today, limit],
    );
    return rows.map(toApplicationRecord);
  }

  async list(manager: EntityManager, scope: ApplicationScope, filter: ApplicationFilter): Promise<ApplicationRecord[]> {
    const params: unknown[] = [scope.thisNode, scope.organisationId];
    const applicantHere = 'a.node_code = $1 AND a.applicant_organisation_id = $2';
    const providerHere = 'a.provider_node = $1 AND a.provider_organisation_id = $2';
    const involvesNode = '(a.node_code = $1 OR a.provider_node = $1)';
    const conditions: string[] = [];
    switch (filter.view) {
      case 'mine':
        conditions.push(applicantHere);
        break;
      case 'provided':
        conditions.push(providerHere);
        break;
      case 'to-review': {
        // Steps waiting for the caller: its department's approval, its organisation's provider
        // review or registration, and (as data-admin) the node's authority reviews and contests.
        const waiting: string[] = [];
        if (scope.roles.includes('demand-approver'))
          waiting.push(`(${applicantHere} AND a.state = 'department-review')`);
        if (scope.roles.includes('provider-reviewer')) {
          waiting.push(`(${providerHere} AND a.state IN ('provider-review', 'awaiting-registration'))`);
        }
        if (scope.dataAdmin) waiting.push(`(a.provider_node = $1 AND a.state IN ('authority-review', 'contested'))`);
        conditions.push(waiting.length ? `(${waiting.join(' OR ')})` : 'false');
        break;
      }
      default:
        conditions.push(scope.dataAdmin ? involvesNode : `((${applicantHere}) OR (${providerHere}))`);
    }
    if (filter.state) {
      params.push(filter.state);
      conditions.push(`a.state = $${params.length}`);
    }
    params.push(filter.limit, filter.offset);
    const rows: ApplicationRow[] = await manager.query(
      // $1 and $2 are typed here because some views use neither (a data-admin's default view, a
      // to-review with no reviewing role); PostgreSQL refuses a parameter it cannot type.
      `SELECT ${COLUMNS} FROM application a
        WHERE $1::text IS NOT NULL AND $2::uuid IS NOT NULL AND ${conditions.join(' AND ')}
        ORDER BY a.changed_at DESC, a.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map(toApplicationRecord);
  }

  async steps(manager: EntityManager, applicationId: string): Promise<TimelineStep[]> {
    const rows: ApplicationStepRow[] = await manager.query(
      `SELECT ${STEP_COLUMNS} FROM application_step WHERE application_id = $1 ORDER BY seq`,
      [applicationId],
    );
    return rows.map(toTimelineStep);
  }

  async insertStep(manager: EntityManager, applicationId: string, step: TimelineStep): Promise<void> {
    await manager.query(
      `INSERT INTO application_step (application_id, seq, step, assignee, opened_at, due_on, decision, decided_at, actor,
              ground_code, ground_title, comment, terms, due_provisional)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::date, $7, $8, $9::jsonb, $10, $11, $12, $13::jsonb, $14)`,
      [
        applicationId,
        step.seq,
        step.step,
        step.assignee ? JSON.stringify(step.assignee) : null,
        step.openedAt,
        step.dueOn,
        step.decision,
        step.decidedAt,
        step.actor ? JSON.stringify(step.actor) : null,
        step.groundCode ?? null,
        step.groundTitle ?? null,
        step.comment ?? null,
        step.terms ? JSON.stringify(step.terms) : null,
        step.provisional ?? false,
      ],
    );
  }

  /** Undecided steps whose due date was counted on a year without its notice, locked for update. */
  async openStepsWithProvisionalDue(
    manager: EntityManager,
  ): Promise<Array<{ applicationId: string; step: TimelineStep }>> {
    const rows: Array<ApplicationStepRow & { application_id: string }> = await manager.query(
      `SELECT application_id, ${STEP_COLUMNS} FROM application_step
       WHERE decision IS NULL AND due_provisional ORDER BY application_id, seq FOR UPDATE`,
    );
    return rows.map((row) => ({ applicationId: row.application_id, step: toTimelineStep(row) }));
  }

  /** A step's due date recounted on the calendar now in force. */
  async setStepDue(
    manager: EntityManager,
    applicationId: string,
    seq: number,
    dueOn: string | null,
    provisional: boolean,
  ): Promise<void> {
    await manager.query(
      'UPDATE application_step SET due_on = $3::date, due_provisional = $4 WHERE application_id = $1 AND seq = $2',
      [applicationId, seq, dueOn, provisional],
    );
  }

  /** Records the decision on the open step `seq`. */
  async decideStep(manager: EntityManager, applicationId: string, seq: number, d: StepDecisionRecord): Promise<void> {
    await manager.query(
      `UPDATE application_step SET decision = $3, decided_at = $4, actor = $5::jsonb, ground_code = $6,
              ground_title = $7, comment = $8, terms = $9::jsonb
        WHERE application_id = $1 AND seq = $2 AND decision IS NULL`,
      [
        applicationId,
        seq,
        d.decision,
        d.decidedAt,
        d.actor ? JSON.stringify(d.actor) : null,
        d.groundCode ?? null,
        d.groundTitle ?? null,
        d.comment ?? null,
        d.terms ? JSON.stringify(d.terms) : null,
      ],
    );
  }

  /** Replaces the timeline with the one a newer copy carries. */
  async replaceSteps(manager: EntityManager, applicationId: string, steps: readonly TimelineStep[]): Promise<void> {
    await manager.query('DELETE FROM application_step WHERE application_id = $1', [applicationId]);
    for (const step of steps) await this.insertStep(manager, applicationId, step);
  }
}

function values(app: ApplicationRecord): unknown[] {
  return [
    app.id,
    app.nodeCode,
    app.version,
    app.state,
    app.lastAction,
    app.applicant.organisationId,
    app.applicant.nodeCode,
    app.applicant.subject,
    app.applicant.organisationName,
    app.target.kind,
    app.target.entryId,
    app.target.entryCode,
    app.target.entryName,
    app.target.providerNode,
    app.target.providerOrganisationId,
    app.target.description,
    app.requestedItems,
    app.purpose,
    app.legalBasis,
    app.scenario,
    app.validUntil,
    app.expectedVolume ? JSON.stringify(app.expectedVolume) : null,
    app.grant ? JSON.stringify(app.grant) : null,
    app.filedAt,
    app.changedAt,
    app.changedAtNode,
    app.receivedAt,
  ];
}

/** An `application` row as the service works with it. */
export function toApplicationRecord(row: ApplicationRow): ApplicationRecord {
  return {
    id: row.id,
    nodeCode: row.node_code,
    version: row.version,
    state: row.state,
    lastAction: row.last_action,
    applicant: {
      organisationId: row.applicant_organisation_id,
      nodeCode: row.applicant_node,
      subject: row.applicant_subject,
      organisationName: row.applicant_name ?? null,
    },
    target: {
      kind: row.target_kind,
      entryId: row.entry_id ?? null,
      entryCode: row.entry_code ?? null,
      entryName: row.entry_name ?? null,
      providerNode: row.provider_node,
      providerOrganisationId: row.provider_organisation_id ?? null,
      description: row.target_description ?? null,
    },
    requestedItems: row.requested_items,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    scenario: row.scenario ?? null,
    validUntil: row.valid_until,
    expectedVolume: row.expected_volume ?? null,
    grant: row.grant_terms ?? null,
    filedAt: row.filed_at.toISOString(),
    changedAt: row.changed_at.toISOString(),
    changedAtNode: row.changed_at_node,
    receivedAt: row.received_at ? row.received_at.toISOString() : null,
  };
}

/** An `application_step` row as a timeline step (`provisional` only when the due date is). */
export function toTimelineStep(row: ApplicationStepRow): TimelineStep {
  return {
    seq: row.seq,
    step: row.step,
    assignee: row.assignee ?? undefined,
    openedAt: row.opened_at.toISOString(),
    dueOn: row.due_on ?? null,
    ...(row.due_provisional === true ? { provisional: true } : {}),
    decision: row.decision ?? null,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    actor: row.actor ?? null,
    groundCode: row.ground_code ?? null,
    groundTitle: row.ground_title ?? null,
    comment: row.comment ?? null,
    terms: row.terms ?? null,
  };
}
