import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { assertNotInherited, ClassificationWrites } from './classification-writes.js';
import type { ClassificationUpdateInput } from './classification.dto.js';
import { ClassificationConflictRule } from './classification.exception.js';
import { classificationContent, ClassificationRepository, type Classification } from './classification.repository.js';

/**
 * `PUT /classifications/:code` — 修改目录分类名称: the node's data-admin renames a code the node owns
 * (a national code only on the national node); the new version is issued to the subtree.
 */
@Injectable()
export class RenameClassificationUseCase {
  constructor(
    private readonly classifications: ClassificationRepository,
    private readonly writes: ClassificationWrites,
  ) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    code: string,
    input: ClassificationUpdateInput,
  ): Promise<Classification | null> {
    this.writes.assertNodeDataAdmin(principal);
    const existing = await this.classifications.find(manager, code);
    if (!existing) throw GovdataError.notFound('classification', code);
    assertNotInherited(existing);
    if (existing.origin === 'national' && !this.writes.national) {
      throw GovdataError.conflict(
        `分类 ${code} 属于国家标准，仅国家节点可修改 (classification ${code} is part of the national standard; only the national node changes it)`,
        [
          {
            path: 'code',
            rule: ClassificationConflictRule.NationalStandard,
            message: '国家标准代码由国家节点修改 (a national code is changed by the national node)',
          },
        ],
      );
    }
    const names = { name: input.name, nameEn: input.nameEn ?? null };
    if (names.name === existing.name && names.nameEn === existing.nameEn) return existing;
    await this.classifications.rename(manager, code, names);
    await this.writes.issue(manager, principal, { ...classificationContent(existing), ...names });
    return this.classifications.find(manager, code);
  }
}
