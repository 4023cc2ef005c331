import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { DataElementWrites } from './data-element-writes.js';
import type { NewDataElementBody } from './data-element.dto.js';
import { DataElementRepository, type DataElement } from './data-element.repository.js';
import { assertOwn, contentOf } from './data-element.service.js';
import { DataElementConflictRule } from './standard.exception.js';

/** `POST /data-elements` — 新增数据元: the node's data-admin adds an element under a free identifier. */
@Injectable()
export class AddDataElementUseCase {
  constructor(
    private readonly elements: DataElementRepository,
    private readonly writes: DataElementWrites,
  ) {}

  async execute(manager: EntityManager, principal: Principal, body: NewDataElementBody): Promise<DataElement> {
    this.writes.assertNodeDataAdmin(principal);
    const content = contentOf(body.identifier, body);
    const existing = await this.elements.find(manager, content.identifier);
    if (existing) assertOwn(existing);
    if (!(await this.elements.insert(manager, content, principal.subject))) {
      throw GovdataError.conflict(`数据元 ${content.identifier} 已存在 (data element ${content.identifier} exists)`, [
        {
          path: 'identifier',
          rule: DataElementConflictRule.Unique,
          message: '已存在相同标识符的数据元 (a data element with this identifier exists)',
        },
      ]);
    }
    await this.writes.issue(manager, principal, 'upsert', content);
    return (await this.elements.find(manager, content.identifier))!;
  }
}
