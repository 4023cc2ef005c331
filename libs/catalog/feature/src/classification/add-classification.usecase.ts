import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import { assertNotInherited, ClassificationWrites } from './classification-writes.js';
import type { NewClassificationInput } from './classification.dto.js';
import { ClassificationConflictRule, ClassificationRule } from './classification.exception.js';
import { ClassificationRepository, type Classification } from './classification.repository.js';

/** Digits each level adds to the code: 类 1, 项 2, 目 3, 细目 3. */
const LEVEL_DIGITS = [1, 2, 3, 3] as const;

/**
 * `POST /classifications` — 新增目/细目: the node's data-admin adds a 目 or 细目 under a code of the
 * table that is not withdrawn; the new code is issued to the subtree.
 */
@Injectable()
export class AddClassificationUseCase {
  constructor(
    private readonly classifications: ClassificationRepository,
    private readonly writes: ClassificationWrites,
  ) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    input: NewClassificationInput,
  ): Promise<Classification | null> {
    this.writes.assertNodeDataAdmin(principal);
    const level = input.code.length === 6 ? 3 : 4;
    const parentCode = input.code.slice(
      0,
      LEVEL_DIGITS.slice(0, level - 1).reduce((a, b) => a + b, 0),
    );
    const existing = await this.classifications.find(manager, input.code);
    if (existing) assertNotInherited(existing);
    const parent = await this.classifications.find(manager, parentCode);
    if (!parent) {
      throw GovdataError.rule(
        'code',
        ClassificationRule.KnownParent,
        `上级分类代码 ${parentCode} 不在分类代码表中 (the parent code ${parentCode} is not in the table)`,
      );
    }
    if (parent.withdrawnAt) {
      throw GovdataError.rule(
        'code',
        ClassificationRule.WithdrawnClassification,
        `上级分类代码 ${parentCode} 已废止 (the parent code ${parentCode} was withdrawn)`,
      );
    }
    const content = { code: input.code, parentCode, level, name: input.name, nameEn: input.nameEn ?? null };
    try {
      await this.classifications.insert(manager, content);
    } catch (error) {
      if (isUniqueViolation(error))
        throw GovdataError.conflict(`分类 ${input.code} 已存在 (classification ${input.code} exists)`, [
          { path: 'code', rule: ClassificationConflictRule.Unique, message: '已存在 (exists)' },
        ]);
      throw error;
    }
    await this.writes.issue(manager, principal, content);
    return this.classifications.find(manager, input.code);
  }
}
