import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import type { ApplicationRecord, ApplicationStatus, SecurityCommitment } from './open-application.js';

interface ApplicationRaw {
  id: string;
  dataset_id: string;
  organisation_id: string;
  account_id: string;
  applicant_kind: 'person' | 'company';
  applicant_name: string;
  applicant_id_masked: string;
  purpose: string;
  scenario: string;
  commitments: string[];
  fields: string[];
  valid_until_iso: string;
  status: ApplicationStatus;
  due_iso: string | null;
  due_provisional: boolean;
  submitted_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decision_note: string | null;
  granted_fields: string[] | null;
  granted_until_iso: string | null;
  agreement_text: string | null;
  agreement_sha256: string | null;
  signed_at: Date | null;
  ended_at: Date | null;
  ended_by: string | null;
  ended_reason: string | null;
}

const SELECT = `*, to_char(valid_until, 'YYYY-MM-DD') AS valid_until_iso, to_char(due, 'YYYY-MM-DD') AS due_iso,
  to_char(granted_until, 'YYYY-MM-DD') AS granted_until_iso`;

function toRecord(r: ApplicationRaw): ApplicationRecord {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    organisationId: r.organisation_id,
    accountId: r.account_id,
    applicant: { kind: r.applicant_kind, name: r.applicant_name, idMasked: r.applicant_id_masked },
    purpose: r.purpose,
    scenario: r.scenario,
    commitments: r.commitments as SecurityCommitment[],
    fields: r.fields,
    validUntil: r.valid_until_iso,
    status: r.status,
    due: r.due_iso,
    dueProvisional: r.due_provisional,
    submittedAt: r.submitted_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    grantedFields: r.granted_fields,
    grantedUntil: r.granted_until_iso,
    agreementText: r.agreement_text,
    agreementSha256: r.agreement_sha256,
    signedAt: r.signed_at?.toISOString() ?? null,
    endedAt: r.ended_at?.toISOString() ?? null,
    endedBy: r.ended_by,
    endedReason: r.ended_reason,
  };
}

export interface ApplicationFilter {
  /** A department's own; absent for the node authority (every department). */
  organisationId?: string;
  statuses?: readonly ApplicationStatus[];
  limit: number;
}

/** 有条件开放申请 as stored: the only writer of `open_application`. */
export class OpenApplicationRepository {
  async insert(
    manager: EntityManager,
    a: Pick<
      ApplicationRecord,
      | 'id'
      | 'datasetId'
      | 'organisationId'
      | 'accountId'
      | 'applicant'
      | 'purpose'
      | 'scenario'
      | 'commitments'
      | 'fields'
      | 'validUntil'
      | 'due'
      | 'dueProvisional'
    >,
  ): Promise<ApplicationRecord> {
    const rows: ApplicationRaw[] = await manager.query(
      `INSERT INTO open_application (id, dataset_id, organisation_id, account_id, applicant_kind, applicant_name,
         applicant_id_masked, purpose, scenario, commitments, fields, valid_until, status, due, due_provisional,
         submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'submitted', $13, $14, now())
       RETURNING ${SELECT}`,
      [
        a.id,
        a.datasetId,
        a.organisationId,
        a.accountId,
        a.applicant.kind,
        a.applicant.name,
        a.applicant.idMasked,
        a.purpose,
        a.scenario,
        a.commitments,
        a.fields,
        a.validUntil,
        a.due,
        a.dueProvisional,
      ],
    );
    return toRecord(rows[0]!);
  }

  async findById(manager: EntityManager, id: string, lock = false): Promise<ApplicationRecord | null> {
    const rows: ApplicationRaw[] = await manager.query(
      `SELECT ${SELECT} FROM open_application WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The person's application in progress or in force for the dataset, if any. */
  async findLive(manager: EntityManager, accountId: string, datasetId: string): Promise<ApplicationRecord | null> {
    const rows: ApplicationRaw[] = await manager.query(
      `SELECT ${SELECT} FROM open_application
        WHERE account_id = $1 AND dataset_id = $2 AND status IN ('submitted', 'approved', 'active')`,
      [accountId, datasetId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listOfAccount(manager: EntityManager, accountId: string): Promise<ApplicationRecord[]> {
    const rows: ApplicationRaw[] = await manager.query(
      `SELECT ${SELECT} FROM open_application WHERE account_id = $1 ORDER BY submitted_at DESC, id LIMIT 500`,
      [accountId],
    );
    return rows.map(toRecord);
  }

  /** Oldest first: a review queue is worked in the order it arrived. */
  async list(manager: EntityManager, f: ApplicationFilter): Promise<ApplicationRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.organisationId) where.push(`organisation_id = $${params.push(f.organisationId)}`);
    if (f.statuses?.length) where.push(`status = ANY($${params.push(f.statuses)})`);
    const rows: ApplicationRaw[] = await manager.query(
      `SELECT ${SELECT} FROM open_application ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY submitted_at, id LIMIT $${params.push(f.limit)}`,
      params,
    );
    return rows.map(toRecord);
  }

  async approve(
    manager: EntityManager,
    id: string,
    d: { by: string; note: string | null; fields: string[]; until: string; agreementText: string; sha256: string },
  ): Promise<ApplicationRecord> {
    return this.transition(
      manager,
      id,
      'submitted',
      `status = 'approved', decided_at = now(), decided_by = $3, decision_note = $4, granted_fields = $5,
       granted_until = $6, agreement_text = $7, agreement_sha256 = $8`,
      [d.by, d.note, d.fields, d.until, d.agreementText, d.sha256],
    );
  }

  async refuse(manager: EntityManager, id: string, d: { by: string; reason: string }): Promise<ApplicationRecord> {
    return this.transition(
      manager,
      id,
      'submitted',
      `status = 'refused', decided_at = now(), decided_by = $3, decision_note = $4`,
      [d.by, d.reason],
    );
  }

  async sign(manager: EntityManager, id: string): Promise<ApplicationRecord> {
    return this.transition(manager, id, 'approved', `status = 'active', signed_at = now()`, []);
  }

  async withdraw(manager: EntityManager, id: string, from: ApplicationStatus): Promise<ApplicationRecord> {
    return this.transition(manager, id, from, `status = 'withdrawn', ended_at = now(), ended_by = 'applicant'`, []);
  }

  async revoke(manager: EntityManager, id: string, d: { by: string; reason: string }): Promise<ApplicationRecord> {
    return this.transition(
      manager,
      id,
      'active',
      `status = 'revoked', ended_at = now(), ended_by = $3, ended_reason = $4`,
      [d.by, d.reason],
    );
  }

  /** The grants in force for the account on the dataset (at most one), as of `today`. */
  async grantInForce(
    manager: EntityManager,
    accountId: string,
    datasetId: string,
    today: string,
  ): Promise<ApplicationRecord | null> {
    const rows: ApplicationRaw[] = await manager.query(
      `SELECT ${SELECT} FROM open_application
        WHERE account_id = $1 AND dataset_id = $2 AND status = 'active' AND granted_until >= $3::date`,
      [accountId, datasetId, today],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Counts per state for the node's figures. */
  async countsByStatus(manager: EntityManager): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: string }> = await manager.query(
      'SELECT status, count(*) AS n FROM open_application GROUP BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  private async transition(
    manager: EntityManager,
    id: string,
    from: ApplicationStatus,
    set: string,
    params: unknown[],
  ): Promise<ApplicationRecord> {
    const rows = await modifiedRows<ApplicationRaw>(
      manager,
      `UPDATE open_application SET ${set} WHERE id = $1 AND status = $2 RETURNING ${SELECT}`,
      [id, from, ...params],
    );
    if (!rows[0]) throw new Error(`open application ${id} is no longer ${from}`);
    return toRecord(rows[0]);
  }
}
