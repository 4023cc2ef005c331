import { Inject, Injectable } from '@nestjs/common';
import { checkUscc, regionCodeProblem } from '@govdata/codes';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { ClassificationRepository } from '../classification/classification.repository.js';
import { gradeKey, GradePolicyRepository } from '../classification/grade-policy.repository.js';
import {
  OrganisationRefRepository,
  type OrganisationRef,
} from '../organisation-directory/organisation-ref.repository.js';
import type { EntryContent } from './entry-content.js';
import { EntryRule, EntryWarning } from './entry.exception.js';
import { EntryRepository } from './entry.repository.js';
import type { EntryRecord } from './entry.types.js';

/** The rules of an entry's content and provider that need the database, shared by the entry writes. */
@Injectable()
export class EntryContentChecks {
  constructor(
    private readonly entries: EntryRepository,
    private readonly organisations: OrganisationRefRepository,
    private readonly gradePolicy: GradePolicyRepository,
    private readonly classifications: ClassificationRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  /** The providing organisation: an active organisation of this node, else a 422. */
  async provider(manager: EntityManager, organisationId: string): Promise<OrganisationRef> {
    const provider = await this.organisations.find(manager, organisationId);
    if (!provider || !provider.active || provider.nodeCode !== this.nodeCode) {
      throw GovdataError.rule(
        'organisationId',
        EntryRule.KnownOrganisation,
        `机构 ${organisationId} 不是节点 ${this.nodeCode} 的有效机构 (organisation ${organisationId} is not an active organisation of node ${this.nodeCode})`,
      );
    }
    return provider;
  }

  /** Rules that need the database: the classification exists, the region is a real division, the grade allows the sharing and opening. */
  async checkReferences(manager: EntityManager, content: EntryContent, newClassification: boolean): Promise<void> {
    const classification = await this.classifications.find(manager, content.classificationCode);
    if (!classification) {
      throw GovdataError.rule(
        'content.classificationCode',
        EntryRule.KnownClassification,
        `${content.classificationCode} 不在本节点的分类代码表中 (${content.classificationCode} is not in the node's classification code table (GET /api/v1/catalog/classifications))`,
      );
    }
    // Entries already filed under a withdrawn code keep it; none is newly filed under it.
    if (newClassification && classification.withdrawnAt) {
      throw GovdataError.rule(
        'content.classificationCode',
        EntryRule.WithdrawnClassification,
        `${content.classificationCode} 已废止，请选择现行代码 (${content.classificationCode} was withdrawn${classification.inheritedFrom ? ` by node ${classification.inheritedFrom}` : ''} (${classification.withdrawnAt}); choose a code in force)`,
      );
    }
    const regionProblem = regionCodeProblem(content.regionCode);
    if (regionProblem) throw GovdataError.rule('content.regionCode', EntryRule.RegionCode, regionProblem);
    const grade = gradeKey(content.grade);
    // The effective policy: the node's own rule within the rules its ancestors issued.
    const policy = await this.gradePolicy.effective(manager, grade);
    if (policy && !policy.sharingTypes.includes(content.sharing.type)) {
      throw GovdataError.rule(
        'content.sharing.type',
        EntryRule.GradePolicy,
        `本节点现行策略对 ${grade} 级数据仅允许以下共享类型：${policy.sharingTypes.join(', ') || '无'} (the node's effective policy allows ${policy.sharingTypes.join(', ') || 'no'} sharing for ${grade} data (GET /api/v1/catalog/settings/grade-policy))`,
      );
    }
    if (policy && !policy.openTypes.includes(content.open.type)) {
      throw GovdataError.rule(
        'content.open.type',
        EntryRule.GradePolicy,
        `本节点现行策略对 ${grade} 级数据仅允许以下开放类型：${policy.openTypes.join(', ') || '无'} (the node's effective policy allows opening ${policy.openTypes.join(', ') || 'none'} for ${grade} data (GET /api/v1/catalog/settings/grade-policy))`,
      );
    }
  }

  /** A draft never published takes a new code when its classification changes; the old one is released, never reused. */
  async reclassify(manager: EntityManager, entry: EntryRecord, classificationCode: string): Promise<void> {
    if (entry.publishedVersion !== null) {
      throw GovdataError.rule(
        'content.classificationCode',
        EntryRule.FixedAfterPublication,
        '已发布的目录不能更改分类和编码；请停用该目录并重新登记 (a published entry keeps its classification and code; retire it and register a new entry instead)',
      );
    }
    const code = await this.entries.assignCode(manager, this.nodeCode, classificationCode, entry.id);
    await this.entries.releaseCode(manager, entry.code);
    await this.entries.setCode(manager, entry.id, code);
  }
}

/** 提供方代码: an early code whose check digit does not match is accepted with a warning (GB 32100). */
export function providerWarnings(provider: OrganisationRef): FieldProblem[] {
  const check = checkUscc(provider.uscc);
  if (check.wellFormed && !check.checkDigitValid) {
    return [
      {
        path: 'provider.code',
        rule: EntryWarning.CheckDigit,
        message: `提供方统一社会信用代码 ${provider.uscc} 未通过 GB 32100 校验位检查（应为 ${check.expectedCheckDigit}）；已接受，请核实 (the provider's unified social credit code ${provider.uscc} fails the GB 32100 check digit (expected ${check.expectedCheckDigit}); accepted, please verify it)`,
      },
    ];
  }
  return [];
}
