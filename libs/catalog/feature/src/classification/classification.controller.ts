import { Body, Controller, Get, Param, Put, Post } from '@nestjs/common';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiProblems, ApiZodBody, parseInput } from '@govdata/platform-service';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, type EntityManager } from 'typeorm';
import { AddClassificationUseCase } from './add-classification.usecase.js';
import { ChangeGradePolicyUseCase } from './change-grade-policy.usecase.js';
import { ClassificationWrites } from './classification-writes.js';
import { classificationUpdate, codeParam, gradePolicy, newClassification } from './classification.dto.js';
import { ClassificationRule } from './classification.exception.js';
import { ClassificationRepository } from './classification.repository.js';
import { effectiveRule, GradePolicyRepository } from './grade-policy.repository.js';
import { RenameClassificationUseCase } from './rename-classification.usecase.js';

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
    private readonly writes: ClassificationWrites,
    private readonly addClassification: AddClassificationUseCase,
    private readonly renameClassification: RenameClassificationUseCase,
    private readonly changeGradePolicy: ChangeGradePolicyUseCase,
    private readonly dataSource: DataSource,
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
  @ApiProblems(ClassificationRule.KnownParent, ClassificationRule.WithdrawnClassification)
  async add(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    // Someone of another node is refused before their body is read.
    this.writes.assertNodeDataAdmin(principal);
    const input = parseInput(newClassification, body);
    return this.dataSource.transaction((m) => this.addClassification.execute(m, principal, input));
  }

  /** Renames a code this node owns; the new version is issued to the subtree. */
  @Put('classifications/:code')
  @RequirePermission('catalog.classification.write')
  @ApiOperation({ summary: '修改目录分类名称 (rename a code this node owns; data-admin of the node)' })
  @ApiZodBody(classificationUpdate, 'The new name and English name')
  async update(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown) {
    this.writes.assertNodeDataAdmin(principal);
    const c = parseInput(codeParam, code, 'code');
    const input = parseInput(classificationUpdate, body);
    return this.dataSource.transaction((m) => this.renameClassification.execute(m, principal, c, input));
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
  @ApiProblems(ClassificationRule.ContradictsInherited)
  async setGradePolicy(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    this.writes.assertNodeDataAdmin(principal);
    const input = parseInput(gradePolicy, body);
    await this.dataSource.transaction((m) => this.changeGradePolicy.execute(m, principal, input));
    return this.policyView(this.dataSource.manager);
  }

  private async policyView(manager: EntityManager) {
    const rules = await this.policy.all(manager);
    const ceilings = await this.policy.ceilings(manager);
    return { rules, effective: rules.map((r) => effectiveRule(r.grade, r, ceilings)) };
  }
}
