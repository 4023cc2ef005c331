import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatasetRecord } from '../datasets/dataset.js';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { OpeningClock } from '../datasets/opening-clock.js';
import {
  APPLICATION_STATE_LABELS,
  SECURITY_COMMITMENTS,
  stateOf,
  type ApplicantRecord,
  type ApplicationRecord,
  type ApplicationState,
} from './open-application.js';

/** An application as its applicant sees it. */
export interface OwnApplicationView {
  id: string;
  dataset: { id: string; name: string; providerName: string; nodeCode: string };
  state: ApplicationState;
  stateLabel: { zh: string; en: string };
  purpose: string;
  scenario: string;
  fields: string[];
  commitments: Array<{ code: string; zh: string }>;
  validUntil: string;
  due: string | null;
  dueProvisional: boolean;
  submittedAt: string;
  decidedAt: string | null;
  /** The refusal's reason, or the department's conditions on an approval. */
  decisionNote: string | null;
  grantedFields: string[] | null;
  grantedUntil: string | null;
  agreement: { text: string; sha256: string; signedAt: string | null } | null;
  endedAt: string | null;
  endedBy: 'applicant' | 'department' | null;
  endedReason: string | null;
}

/** An application as the providing department (and the node authority) sees it. */
export interface ReviewApplicationView extends OwnApplicationView {
  organisationId: string;
  applicant: ApplicantRecord;
  decidedBy: string | null;
  /** Awaiting the department past its due working day. */
  overdue: boolean;
}

export function ownView(a: ApplicationRecord, dataset: DatasetRecord | undefined, today: string): OwnApplicationView {
  const state = stateOf(a, today);
  return {
    id: a.id,
    dataset: {
      id: a.datasetId,
      name: dataset?.name ?? '',
      providerName: dataset?.providerName ?? '',
      nodeCode: dataset?.nodeCode ?? '',
    },
    state,
    stateLabel: APPLICATION_STATE_LABELS[state],
    purpose: a.purpose,
    scenario: a.scenario,
    fields: a.fields,
    commitments: a.commitments.map((code) => ({ code, zh: SECURITY_COMMITMENTS[code] })),
    validUntil: a.validUntil,
    due: a.due,
    dueProvisional: a.dueProvisional,
    submittedAt: a.submittedAt,
    decidedAt: a.decidedAt,
    decisionNote: a.decisionNote,
    grantedFields: a.grantedFields,
    grantedUntil: a.grantedUntil,
    agreement:
      a.agreementText && a.agreementSha256
        ? { text: a.agreementText, sha256: a.agreementSha256, signedAt: a.signedAt }
        : null,
    endedAt: a.endedAt,
    endedBy: a.endedAt ? (a.endedBy === 'applicant' ? 'applicant' : 'department') : null,
    endedReason: a.endedReason,
  };
}

export function reviewView(
  a: ApplicationRecord,
  dataset: DatasetRecord | undefined,
  today: string,
): ReviewApplicationView {
  return {
    ...ownView(a, dataset, today),
    organisationId: a.organisationId,
    applicant: a.applicant,
    decidedBy: a.decidedBy,
    overdue: a.status === 'submitted' && a.due !== null && a.due < today,
  };
}

/** Views of stored applications, with their datasets read once per page. */
@Injectable()
export class ApplicationViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    private readonly clock: OpeningClock,
  ) {}

  async own(records: readonly ApplicationRecord[]): Promise<OwnApplicationView[]> {
    return this.map(records, ownView);
  }

  async review(records: readonly ApplicationRecord[]): Promise<ReviewApplicationView[]> {
    return this.map(records, reviewView);
  }

  private async map<V>(
    records: readonly ApplicationRecord[],
    view: (a: ApplicationRecord, dataset: DatasetRecord | undefined, today: string) => V,
  ): Promise<V[]> {
    const ids = [...new Set(records.map((r) => r.datasetId))];
    const byId = new Map((await this.datasets.findByIds(this.dataSource.manager, ids)).map((d) => [d.id, d]));
    const today = this.clock.today();
    return records.map((r) => view(r, byId.get(r.datasetId), today));
  }
}
