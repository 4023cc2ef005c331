import { Body, Controller, Get, Inject, Param, Put, Post } from '@nestjs/common';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { ApiZodBody, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { SHARING_TYPES, type SharingType } from '../entries/entry-content.js';
import { StandardIssuer } from '../standards/standard-issuer.service.js';
import { classificationContent, ClassificationRepository, type Classification } from './classification.repository.js';
import { effectiveRule, GRADE_KEYS, GradePolicyRepository, type GradeKey } from './grade-policy.repository.js';

/** Digits each level adds to the code: 类 1, 项 2, 目 3, 细目 3. */
const LEVEL_DIGITS = [1, 2, 3, 3] as const;

const CODE = /^[1-3]\d{2}\d{3}(\d{3})?$/;

const names = {
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(200).optional(),
};

const newClassification = z
  .object({ code: z.string().regex(CODE, 'a 目 (6 digits) or 细目 (9 digits) code'), ...names })
  .strict();

const classificationUpdate = z.object(names).strict();

const codeParam = z.string().regex(/^[1-3](\d{2}(\d{3}){0,2})?$/, 'a classification code (1, 3, 6 or 9 digits)');

/** A set of types: repeats are dropped, the order kept. */
const typeSet = z
  .array(z.enum(SHARING_TYPES))
  .min(1)
  .transform((types) => [...new Set(types)]);

const gradePolicy = z
  .object({
    rules: z
      .array(
        z
          .object({
            grade: z.enum(GRADE_KEYS as [GradeKey, ...GradeKey[]]),
            sharingTypes: typeSet,
            openTypes: typeSet,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/**
 * 目录分类 and 分级策略: the classification code table entries are filed under, and the policy that
 * says which sharing and opening types each grade allows. Node data admins extend the table with 目
 * and 细目 under the national 类/项 and adjust the policy — within what the node's ancestors issued:
 * inherited codes are read-only, inherited grade rules are ceilings. Every change is issued as a
 * standard (`catalog.standard.v1`) to the node's subtree.
 */
@ApiTags('catalog classification 目录分类')
@Controller('api/v1/catalog')
export class ClassificationController {
  constructor(
    private readonly classifications: ClassificationRepository,
    private readonly policy: GradePolicyRepository,
    private readonly issuer: StandardIssuer,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Get('classifications')
  @RequirePermission('catalog.reference.read')
  @ApiOperation({ summary: '目录分类代码表 (classification code table; inherited codes name their origin)' })
  async list() {
    return { items: await this.classifications.all(this.dataSource.manager) };
  }

  @Post('classifications')
  @RequirePermission('catalog.classification.write')
  @ApiOperation({ summary: '新增目/细目 (add a 目 or 细目 under an existing code; data-admin of the node)' })
  @ApiZodBody(newClassification, 'The code, its name and English name')
  async add(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    this.assertNodeDataAdmin(principal);
    const input = parseInput(newClassification, body);
    const level = input.code.length === 6 ? 3 : 4;
    const parentCode = input.code.slice(
      0,
      LEVEL_DIGITS.slice(0, level - 1).reduce((a, b) => a + b, 0),
    );
    return this.dataSource.transaction(async (m) => {
      const existing = await this.classifications.find(m, input.code);
      if (existing) assertNotInherited(existing);
      const parent = await this.classifications.find(m, parentCode);
      if (!parent) {
        throw GovdataError.rule('code', 'known-parent', `the parent code ${parentCode} is not in the table`);
      }
      if (parent.withdrawnAt) {
        throw GovdataError.rule('code', 'withdrawn-classification', `the parent code ${parentCode} was withdrawn`);
      }
      const content = { code: input.code, parentCode, level, name: input.name, nameEn: input.nameEn ?? null };
      try {
        await this.classifications.insert(m, content);
      } catch (error) {
        if (isUniqueViolation(error))
          throw GovdataError.conflict(`classification ${input.code} exists`, [
            { path: 'code', rule: 'unique', message: 'exists' },
          ]);
        throw error;
      }
      await this.issue(m, principal, content);
      return this.classifications.find(m, input.code);
    });
  }

  /** Renames a code this node owns; the new version is issued to the subtree. */
  @Put('classifications/:code')
  @RequirePermission('catalog.classification.write')
  @ApiOperation({ summary: '修改目录分类名称 (rename a code this node owns; data-admin of the node)' })
  @ApiZodBody(classificationUpdate, 'The new name and English name')
  async update(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown) {
    this.assertNodeDataAdmin(principal);
    const c = parseInput(codeParam, code, 'code');
    const input = parseInput(classificationUpdate, body);
    return this.dataSource.transaction(async (m) => {
      const existing = await this.classifications.find(m, c);
      if (!existing) throw GovdataError.notFound('classification', c);
      assertNotInherited(existing);
      if (existing.origin === 'national' && this.config.node.parent !== null) {
        throw GovdataError.conflict(
          `classification ${c} is part of the national standard; only the national node changes it`,
          [{ path: 'code', rule: 'national-standard', message: 'a national code is changed by the national node' }],
        );
      }
      const names = { name: input.name, nameEn: input.nameEn ?? null };
      if (names.name === existing.name && names.nameEn === existing.nameEn) return existing;
      await this.classifications.rename(m, c, names);
      await this.issue(m, principal, { ...classificationContent(existing), ...names });
      return this.classifications.find(m, c);
    });
  }

  @Get('settings/grade-policy')
  @RequirePermission('catalog.reference.read')
  @ApiOperation({
    summary: '分级共享开放策略 (grade → sharing/opening policy)',
    description: '`rules`: the node’s own; `effective`: within the rules inherited from ancestor nodes (ceilings).',
  })
  async gradePolicy() {
    return this.policyView(this.dataSource.manager);
  }

  @Put('settings/grade-policy')
  @RequirePermission('catalog.settings.write')
  @ApiOperation({
    summary: '修改分级策略 (change the policy; data-admin of the node)',
    description: 'A rule may narrow an inherited one, never allow a type it does not (422 contradicts-inherited).',
  })
  @ApiZodBody(gradePolicy, 'One rule per grade to change')
  async setGradePolicy(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    this.assertNodeDataAdmin(principal);
    const input = parseInput(gradePolicy, body);
    await this.dataSource.transaction(async (m) => {
      const problems: FieldProblem[] = [];
      for (const [i, rule] of input.rules.entries()) {
        for (const ceiling of await this.policy.ceilings(m, rule.grade)) {
          for (const field of ['sharingTypes', 'openTypes'] as const) {
            const beyond = rule[field].filter((t) => !ceiling[field].includes(t));
            if (beyond.length > 0)
              problems.push({
                path: `rules.${i}.${field}`,
                rule: 'contradicts-inherited',
                message: `${rule.grade}: node ${ceiling.origin} allows ${field === 'sharingTypes' ? 'sharing' : 'opening'} ${ceiling[field].join(', ')} only (v${ceiling.version}); ${beyond.join(', ')} is beyond it`,
              });
          }
        }
      }
      if (problems.length > 0) {
        throw new GovdataError(
          ErrorCode.RuleViolated,
          problems.map((p) => `${p.path}: ${p.message}`).join('; '),
          problems,
        );
      }
      const before = new Map((await this.policy.all(m)).map((r) => [r.grade, r]));
      await this.policy.replace(m, input.rules, principal.subject);
      for (const rule of input.rules) {
        const old = before.get(rule.grade);
        if (old && sameTypes(old.sharingTypes, rule.sharingTypes) && sameTypes(old.openTypes, rule.openTypes)) continue;
        await this.issuer.issue(m, {
          kind: 'grade-policy',
          key: rule.grade,
          action: 'upsert',
          body: { grade: rule.grade, sharingTypes: rule.sharingTypes, openTypes: rule.openTypes },
          issuedBy: principal.subject,
        });
      }
    });
    return this.policyView(this.dataSource.manager);
  }

  private async policyView(manager: EntityManager) {
    const rules = await this.policy.all(manager);
    const ceilings = await this.policy.ceilings(manager);
    return { rules, effective: rules.map((r) => effectiveRule(r.grade, r, ceilings)) };
  }

  private async issue(manager: EntityManager, principal: Principal, c: Parameters<typeof classificationContent>[0]) {
    await this.issuer.issue(manager, {
      kind: 'classification',
      key: c.code,
      action: 'upsert',
      body: classificationContent(c),
      issuedBy: principal.subject,
    });
  }

  private assertNodeDataAdmin(principal: Principal): void {
    if (principal.nodeCode !== this.config.node.code) {
      throw GovdataError.forbidden(`only a data-admin of node ${this.config.node.code} changes its standards`);
    }
  }
}

/** An ancestor's code is read-only here: 409 naming the code. */
function assertNotInherited(c: Classification): void {
  if (c.origin === 'inherited') {
    throw GovdataError.conflict(
      `classification ${c.code} is inherited from node ${c.inheritedFrom}; it is read-only here`,
      [
        {
          path: 'code',
          rule: 'inherited-standard',
          message: `issued by node ${c.inheritedFrom}; add a 目 or 细目 under it instead`,
        },
      ],
    );
  }
}

function sameTypes(a: readonly SharingType[], b: readonly SharingType[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}
