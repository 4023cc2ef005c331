import { Body, Controller, Get, Put, Post } from '@nestjs/common';
import { CurrentPrincipal, RequireRoles, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { parseInput } from '@govdata/platform-service';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { SHARING_TYPES } from '../entries/entry-content.js';
import { ClassificationRepository } from './classification.repository.js';
import { GRADE_KEYS, GradePolicyRepository } from './grade-policy.repository.js';

/** Digits each level adds to the code: 類 1, 項 2, 目 3, 細目 3. */
const LEVEL_DIGITS = [1, 2, 3, 3] as const;

const newClassification = z
  .object({
    code: z.string().regex(/^[1-3]\d{2}\d{3}(\d{3})?$/, 'a 目 (6 digits) or 細目 (9 digits) code'),
    name: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().max(200).optional(),
  })
  .strict();

const gradePolicy = z
  .object({
    rules: z
      .array(
        z
          .object({
            grade: z.enum(GRADE_KEYS as [string, ...string[]]),
            sharingTypes: z.array(z.enum(SHARING_TYPES)).min(1),
            openTypes: z.array(z.enum(SHARING_TYPES)).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/**
 * 目錄分類 and 分級策略: the classification code table entries are filed under, and the policy that
 * says which sharing and opening types each grade allows. Node data admins extend the table with 目
 * and 細目 under the national 類/項 and adjust the policy.
 */
@ApiTags('catalog classification 目錄分類')
@Controller('api/v1/catalog')
export class ClassificationController {
  constructor(
    private readonly classifications: ClassificationRepository,
    private readonly policy: GradePolicyRepository,
    private readonly dataSource: DataSource,
  ) {}

  @Get('classifications')
  @ApiOperation({ summary: '目錄分類代碼表 (classification code table)' })
  async list() {
    return { items: await this.classifications.all(this.dataSource.manager) };
  }

  @Post('classifications')
  @RequireRoles('data-admin')
  @ApiOperation({ summary: '新增目/細目 (add a 目 or 細目 under an existing code)' })
  async add(@Body() body: unknown) {
    const input = parseInput(newClassification, body);
    const level = input.code.length === 6 ? 3 : 4;
    const parentCode = input.code.slice(
      0,
      LEVEL_DIGITS.slice(0, level - 1).reduce((a, b) => a + b, 0),
    );
    return this.dataSource.transaction(async (m) => {
      if (!(await this.classifications.find(m, parentCode))) {
        throw GovdataError.rule('code', 'known-parent', `the parent code ${parentCode} is not in the table`);
      }
      try {
        await this.classifications.insert(m, {
          code: input.code,
          parentCode,
          level,
          name: input.name,
          nameEn: input.nameEn ?? null,
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw GovdataError.conflict(`classification ${input.code} exists`, [
            { path: 'code', rule: 'unique', message: 'exists' },
          ]);
        throw error;
      }
      return this.classifications.find(m, input.code);
    });
  }

  @Get('settings/grade-policy')
  @ApiOperation({ summary: '分級共享開放策略 (grade → sharing/opening policy)' })
  async gradePolicy() {
    return { rules: await this.policy.all(this.dataSource.manager) };
  }

  @Put('settings/grade-policy')
  @RequireRoles('data-admin')
  @ApiOperation({ summary: '修改分級策略 (change the policy; data-admin of the node)' })
  async setGradePolicy(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const input = parseInput(gradePolicy, body);
    await this.dataSource.transaction((m) => this.policy.replace(m, input.rules as never, principal.subject));
    return { rules: await this.policy.all(this.dataSource.manager) };
  }
}
