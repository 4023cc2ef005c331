import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatasetRecord } from '../datasets/dataset.js';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { publicRealName } from '../people/public-name.js';
import {
  SHOWCASE_KIND_LABELS,
  SHOWCASE_STATUS_LABELS,
  type ShowcaseKind,
  type ShowcaseRecord,
  type ShowcaseStatus,
  type SubmitterRecord,
} from './showcase.js';

/** A showcase as the public sees it once approved: the submitter by the public display of their real name only. */
export interface PublicShowcaseView {
  id: string;
  title: string;
  description: string;
  kind: ShowcaseKind;
  kindLabel: { zh: string; en: string };
  url: string;
  datasets: Array<{ id: string; name: string; nodeCode: string }>;
  submitter: { kind: SubmitterRecord['kind']; name: string };
  approvedAt: string | null;
}

/** A showcase as its submitter sees it: every state, with the refusal's reason. */
export interface OwnShowcaseView extends PublicShowcaseView {
  status: ShowcaseStatus;
  statusLabel: { zh: string; en: string };
  submittedAt: string;
  decidedAt: string | null;
  refusalReason: string | null;
}

/** A showcase as the node authority reviews it: the submitter as 实名认证 recorded them. */
export interface ReviewShowcaseView extends OwnShowcaseView {
  submitterVerified: SubmitterRecord;
  decidedBy: string | null;
}

export function publicShowcaseView(
  s: ShowcaseRecord,
  datasets: ReadonlyMap<string, DatasetRecord>,
): PublicShowcaseView {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    kind: s.kind,
    kindLabel: SHOWCASE_KIND_LABELS[s.kind],
    url: s.url,
    datasets: s.datasetIds.map((id) => {
      const d = datasets.get(id);
      return { id, name: d?.name ?? '', nodeCode: d?.nodeCode ?? '' };
    }),
    submitter: { kind: s.submitter.kind, name: publicRealName(s.submitter) },
    approvedAt: s.status === 'approved' ? s.decidedAt : null,
  };
}

export function ownShowcaseView(s: ShowcaseRecord, datasets: ReadonlyMap<string, DatasetRecord>): OwnShowcaseView {
  return {
    ...publicShowcaseView(s, datasets),
    status: s.status,
    statusLabel: SHOWCASE_STATUS_LABELS[s.status],
    submittedAt: s.submittedAt,
    decidedAt: s.decidedAt,
    refusalReason: s.refusalReason,
  };
}

export function reviewShowcaseView(
  s: ShowcaseRecord,
  datasets: ReadonlyMap<string, DatasetRecord>,
): ReviewShowcaseView {
  return { ...ownShowcaseView(s, datasets), submitterVerified: s.submitter, decidedBy: s.decidedBy };
}

/** Views of stored showcases, with the datasets they use read once per page. */
@Injectable()
export class ShowcaseViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
  ) {}

  async map<V>(
    records: readonly ShowcaseRecord[],
    view: (s: ShowcaseRecord, datasets: ReadonlyMap<string, DatasetRecord>) => V,
  ): Promise<V[]> {
    const ids = [...new Set(records.flatMap((r) => r.datasetIds))];
    const byId = new Map((await this.datasets.findByIds(this.dataSource.manager, ids)).map((d) => [d.id, d]));
    return records.map((r) => view(r, byId));
  }
}
