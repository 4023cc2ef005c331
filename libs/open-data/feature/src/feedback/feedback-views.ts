import { DATASET_STATUS_LABELS, type DatasetRecord } from '../datasets/dataset.js';
import { OPEN_DOMAINS } from '../datasets/open-vocabulary.js';
import {
  DEMAND_OUTCOMES,
  ERROR_REPORT_OUTCOMES,
  overdue,
  type DemandRecord,
  type ErrorReportRecord,
} from './feedback.js';

const DEMAND_STATUS_LABELS = { open: '待答复', answered: '已答复' } as const;
const REPORT_STATUS_LABELS = { open: '待核实', ...ERROR_REPORT_OUTCOMES } as const;

/** A demand as anybody sees it: what was asked and the department's answer, never who asked. */
export interface DemandView {
  id: string;
  title: string;
  description: string;
  domain: { code: string; zh: string; en: string } | null;
  department: { organisationId: string; name: string } | null;
  status: DemandRecord['status'];
  statusLabel: string;
  due: string | null;
  dueProvisional: boolean;
  overdue: boolean;
  submittedAt: string;
  answer: {
    outcome: string;
    outcomeLabel: string;
    text: string;
    dataset: { id: string; name: string } | null;
    plannedBy: string | null;
    answeredAt: string;
  } | null;
}

/** The staff's view adds who routed and who answered. */
export interface DemandStaffView extends DemandView {
  routedAt: string | null;
  routedBy: string | null;
  answeredBy: string | null;
}

export function demandView(d: DemandRecord, datasets: ReadonlyMap<string, DatasetRecord>, today: string): DemandView {
  const answered = d.answer?.datasetId ? datasets.get(d.answer.datasetId) : undefined;
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    domain: d.domain ? { code: d.domain, ...OPEN_DOMAINS[d.domain] } : null,
    department: d.organisationId ? { organisationId: d.organisationId, name: d.organisationName ?? '' } : null,
    status: d.status,
    statusLabel: DEMAND_STATUS_LABELS[d.status],
    due: d.due,
    dueProvisional: d.dueProvisional,
    overdue: overdue(d, today),
    submittedAt: d.submittedAt,
    answer: d.answer
      ? {
          outcome: d.answer.outcome,
          outcomeLabel: DEMAND_OUTCOMES[d.answer.outcome],
          text: d.answer.text,
          dataset: answered ? { id: answered.id, name: answered.name } : null,
          plannedBy: d.answer.plannedBy,
          answeredAt: d.answer.answeredAt,
        }
      : null,
  };
}

export function demandStaffView(
  d: DemandRecord,
  datasets: ReadonlyMap<string, DatasetRecord>,
  today: string,
): DemandStaffView {
  return {
    ...demandView(d, datasets, today),
    routedAt: d.routedAt,
    routedBy: d.routedBy,
    answeredBy: d.answer?.answeredBy ?? null,
  };
}

/** An error report as its reporter and the department see it. */
export interface ErrorReportView {
  id: string;
  dataset: { id: string; name: string; status: string; statusLabel: string } | null;
  organisationId: string;
  resourceId: string | null;
  item: string | null;
  rowHint: string | null;
  description: string;
  status: ErrorReportRecord['status'];
  statusLabel: string;
  due: string | null;
  dueProvisional: boolean;
  overdue: boolean;
  submittedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

export function errorReportView(
  r: ErrorReportRecord,
  datasets: ReadonlyMap<string, DatasetRecord>,
  today: string,
): ErrorReportView {
  const dataset = datasets.get(r.datasetId);
  return {
    id: r.id,
    dataset: dataset
      ? {
          id: dataset.id,
          name: dataset.name,
          status: dataset.status,
          statusLabel: DATASET_STATUS_LABELS[dataset.status].zh,
        }
      : null,
    organisationId: r.organisationId,
    resourceId: r.resourceId,
    item: r.item,
    rowHint: r.rowHint,
    description: r.description,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    due: r.due,
    dueProvisional: r.dueProvisional,
    overdue: overdue(r, today),
    submittedAt: r.submittedAt,
    answer: r.answer,
    answeredAt: r.answeredAt,
  };
}
