import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertCan, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CatalogMountsClient, type CatalogTableMount } from '../sources/catalog-mounts.client.js';
import { SnapshotService } from '../snapshots/snapshot.service.js';
import { OPEN_MASK_RULE_NAMES } from '../sources/masking-sql.js';
import type { DatasetRecord, OpeningReview, ReviewedColumn, TableSourceRef } from './dataset.js';
import { DatasetRepository } from './dataset.repository.js';
import { OpenDatasetEvents } from './open-dataset-events.js';
import { OpenDataRule } from './open-data.exception.js';
import { OPEN_DOMAIN_CODES, OPEN_LICENCE_IDS } from './open-vocabulary.js';

export const reviewDecisionSchema = z
  .object({
    decision: z.enum(['open', 'refuse']),
    domain: z.enum(OPEN_DOMAIN_CODES).optional(),
    licence: z.enum(OPEN_LICENCE_IDS).optional(),
    confidentialityChecked: z.boolean().default(false),
    personalInformationChecked: z.boolean().default(false),
    columns: z
      .array(
        z
          .object({
            mountId: z.uuid(),
            column: z.string().min(1).max(63),
            decision: z.enum(['open', 'mask', 'withhold']),
            mask: z.enum(OPEN_MASK_RULE_NAMES).optional(),
          })
          .strict(),
      )
      .max(2_000)
      .default([]),
    reason: z.string().trim().max(2_000).optional(),
  })
  .strict();
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/**
 * 个人信息 — item names that hold a person's information: such a column is never opened as it is,
 * only masked or withheld (个人信息核查). An institution's 办公地址 or 服务电话 is not one.
 */
const PERSONAL_ITEM =
  /姓名|身份证|身份号码|证件号码|手机|联系电话|个人电话|住址|户籍地址|家庭地址|居住地址|出生日期|生日|银行卡|电子邮箱|车牌/u;

/**
 * 开放审核 — the node authority decides whether a published entry is opened: confidentiality and
 * personal information checked, each column of each mounted table opened, masked or withheld, the
 * domain and licence chosen; or refuses with a reason. Only a pending dataset is decided.
 */
@Injectable()
export class ReviewDatasetUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    private readonly mounts: CatalogMountsClient,
    private readonly snapshots: SnapshotService,
    private readonly events: OpenDatasetEvents,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(principal: Principal, datasetId: string, input: ReviewDecision): Promise<DatasetRecord> {
    const before = await this.datasets.findById(this.dataSource.manager, datasetId);
    if (!before) throw GovdataError.notFound('open dataset', datasetId);
    assertCan(principal, 'open-data.review.decide', { nodeCode: this.config.node.code }, 'an opening review');
    // Read the tables before the transaction: the catalog's answer needs no lock held.
    const tables = input.decision === 'open' ? await this.mounts.tableMounts(before.entryId) : [];
    const review: OpeningReview = {
      decision: input.decision,
      confidentialityChecked: input.confidentialityChecked,
      personalInformationChecked: input.personalInformationChecked,
      reason: input.reason || null,
      by: principal.subject,
      byOrganisationId: principal.organisationId,
      at: new Date().toISOString(),
    };
    const resources = input.decision === 'open' ? this.checkOpening(input, tables) : [];
    if (input.decision === 'refuse' && !input.reason) {
      throw GovdataError.rule(
        'reason',
        OpenDataRule.ReasonRequired,
        '不予开放须说明理由 (say why the dataset is not opened)',
      );
    }
    const decided = await this.dataSource.transaction(async (manager) => {
      const dataset = await this.datasets.findById(manager, datasetId, true);
      if (!dataset) throw GovdataError.notFound('open dataset', datasetId);
      if (dataset.status !== 'pending') {
        throw GovdataError.conflict(
          `该数据集不在开放审核中（当前：${dataset.status}） (the dataset is not in opening review: it is ${dataset.status})`,
        );
      }
      if (input.decision === 'open') {
        await this.datasets.replaceResources(manager, dataset.id, resources);
        await this.datasets.recordReview(manager, dataset.id, review, {
          domain: input.domain!,
          licence: input.licence!,
        });
        // Announced up the tree in the same transaction (a dataset re-opened after archiving is an update).
        await this.events.changed(manager, dataset.id, dataset.openedAt ? 'update' : 'open');
      } else {
        await this.datasets.recordReview(manager, dataset.id, review, null);
      }
      return (await this.datasets.findById(manager, dataset.id))!;
    });
    // The download files of an opened dataset are written now rather than at the next sweep.
    if (decided.status === 'open') void this.snapshots.sweep();
    return decided;
  }

  /** Every rule of an opening, all problems at once; the resources to store when there are none. */
  private checkOpening(
    input: ReviewDecision,
    tables: readonly CatalogTableMount[],
  ): Array<{ id: string; mountId: string; name: string; source: TableSourceRef; columns: ReviewedColumn[] }> {
    const problems: FieldProblem[] = [];
    if (!input.domain) problems.push(required('domain', '主题领域 (the subject domain)'));
    if (!input.licence) problems.push(required('licence', '开放许可 (the licence)'));
    if (!input.confidentialityChecked) {
      problems.push({
        path: 'confidentialityChecked',
        rule: OpenDataRule.CheckConfirmed,
        message: '开放前须完成保密审查 (confirm the confidentiality check before opening)',
      });
    }
    if (!input.personalInformationChecked) {
      problems.push({
        path: 'personalInformationChecked',
        rule: OpenDataRule.CheckConfirmed,
        message: '开放前须完成个人信息核查 (confirm the personal-information check before opening)',
      });
    }
    const byKey = new Map(input.columns.map((c, i) => [`${c.mountId}/${c.column}`, { ...c, index: i }]));
    const known = new Set<string>();
    const resources = tables.map((t) => {
      const columns: ReviewedColumn[] = t.columns.map((c) => {
        const key = `${t.id}/${c.column}`;
        known.add(key);
        const decided = byKey.get(key);
        if (!decided) {
          problems.push({
            path: 'columns',
            rule: OpenDataRule.EveryColumnDecided,
            message: `数据表 ${t.name} 的字段 ${c.column}（${c.item}）须决定开放、脱敏或不开放 (column ${c.column} of ${t.name} needs a decision)`,
          });
          return { column: c.column, columnType: c.columnType, item: c.item, decision: 'withhold' };
        }
        if (decided.decision === 'mask' && !decided.mask) {
          problems.push({
            path: `columns.${decided.index}.mask`,
            rule: OpenDataRule.MaskRuleRequired,
            message: `脱敏须选择脱敏规则（${OPEN_MASK_RULE_NAMES.join('、')}） (masking needs a rule)`,
          });
        }
        if (decided.decision === 'open' && PERSONAL_ITEM.test(c.item)) {
          problems.push({
            path: `columns.${decided.index}.decision`,
            rule: OpenDataRule.PersonalInformation,
            message: `信息项 ${c.item} 含个人信息，只能脱敏或不开放 (${c.item} holds personal information: mask or withhold it)`,
          });
        }
        return {
          column: c.column,
          columnType: c.columnType,
          item: c.item,
          decision: decided.decision,
          ...(decided.decision === 'mask' && decided.mask ? { mask: decided.mask } : {}),
        };
      });
      return {
        id: randomUUID(),
        mountId: t.id,
        name: t.name,
        source: {
          dataSourceId: t.source!.id,
          host: t.source!.host,
          port: t.source!.port,
          database: t.source!.database,
          user: t.source!.user,
          ssl: t.source!.ssl,
          passwordSealed: t.source!.passwordSealed || null,
          schema: t.schema,
          table: t.table,
        },
        columns,
      };
    });
    input.columns.forEach((c, i) => {
      if (!known.has(`${c.mountId}/${c.column}`)) {
        problems.push({
          path: `columns.${i}.column`,
          rule: OpenDataRule.ColumnOfMount,
          message: `${c.column} 不是该目录挂接数据表的映射字段 (${c.column} is not a mapped column of the entry’s mounted tables)`,
        });
      }
    });
    if (problems.length > 0) throw GovdataError.validation(problems);
    return resources;
  }
}

function required(path: string, what: string): FieldProblem {
  return { path, rule: OpenDataRule.Required, message: `开放时须选择${what}` };
}
