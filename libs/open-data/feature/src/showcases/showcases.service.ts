import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertCan, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import type { OpenAccount } from '../people/open-account.js';
import { realNameRequired } from '../people/people.exception.js';
import { nextShowcaseStatus, type ShowcaseKind, type ShowcaseRecord } from './showcase.js';
import { badField, ShowcaseRule, wrongState } from './showcase.exception.js';
import { ShowcaseRepository } from './showcase.repository.js';

export interface ShowcaseInput {
  title: string;
  description: string;
  kind: ShowcaseKind;
  url: string;
  datasetIds: string[];
}

export type ShowcaseDecisionInput = { decision: 'approve' } | { decision: 'refuse'; reason: string };

/** 应用成果展示: a real-name person submits what they built on open data; the node authority decides what is shown. */
@Injectable()
export class ShowcasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly showcases: ShowcaseRepository,
    private readonly datasets: DatasetRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** 提交: real name required; every dataset named is open here (this node's own, or a replica). */
  async submit(account: OpenAccount, input: ShowcaseInput): Promise<ShowcaseRecord> {
    if (!account.realName) throw realNameRequired('提交应用成果');
    const datasetIds = [...new Set(input.datasetIds)];
    const found = new Map((await this.datasets.findByIds(this.dataSource.manager, datasetIds)).map((d) => [d.id, d]));
    input.datasetIds.forEach((id, i) => {
      const d = found.get(id);
      const open = d && d.status === 'open' && ((d.nodeCode === this.config.node.code && !d.origin) || d.origin);
      if (!open) {
        throw badField(
          `datasetIds.${i}`,
          ShowcaseRule.OpenDataset,
          `${id} 不是本节点开放的数据集 (not a dataset open at this node)`,
        );
      }
    });
    return this.showcases.insert(this.dataSource.manager, {
      id: randomUUID(),
      accountId: account.id,
      submitter: { kind: account.realName.kind, name: account.realName.name, idMasked: account.realName.idMasked },
      title: input.title,
      description: input.description,
      kind: input.kind,
      url: input.url,
      datasetIds,
    });
  }

  /** An approved showcase (404 for one in review or refused: those are not public). */
  async shown(id: string): Promise<ShowcaseRecord> {
    const found = await this.showcases.findById(this.dataSource.manager, id);
    if (!found || found.status !== 'approved') throw GovdataError.notFound('showcase', id);
    return found;
  }

  /** The node authority approves, or refuses with a reason, a submitted showcase — as the state table allows. */
  async decide(principal: Principal, id: string, input: ShowcaseDecisionInput): Promise<ShowcaseRecord> {
    assertCan(principal, 'open-data.showcase.review', { nodeCode: this.config.node.code }, 'reviewing a showcase');
    return this.dataSource.transaction(async (manager) => {
      const found = await this.showcases.findById(manager, id, true);
      if (!found) throw GovdataError.notFound('showcase', id);
      const next = nextShowcaseStatus(found.status, input.decision);
      if (!next || next === 'submitted') {
        throw wrongState(`该应用成果已审核（${found.status}），不能再次审核 (the showcase was decided already)`);
      }
      const decided = await this.showcases.decide(manager, id, {
        status: next,
        by: principal.name ?? principal.subject,
        reason: input.decision === 'refuse' ? input.reason : null,
      });
      return decided!;
    });
  }
}
