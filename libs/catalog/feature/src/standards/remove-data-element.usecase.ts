import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { DataElementWrites } from './data-element-writes.js';
import { dataElementContent, DataElementRepository } from './data-element.repository.js';
import { assertOwn } from './data-element.service.js';

/**
 * `DELETE /data-elements/:identifier` — 删除数据元: the node's data-admin removes one of the node's
 * own elements; the withdrawal is issued with its last content.
 */
@Injectable()
export class RemoveDataElementUseCase {
  constructor(
    private readonly elements: DataElementRepository,
    private readonly writes: DataElementWrites,
  ) {}

  async execute(manager: EntityManager, principal: Principal, identifier: string): Promise<void> {
    this.writes.assertNodeDataAdmin(principal);
    const existing = await this.elements.find(manager, identifier, true);
    if (!existing) throw GovdataError.notFound('data element', identifier);
    assertOwn(existing);
    await this.elements.remove(manager, identifier, null);
    await this.writes.issue(manager, principal, 'remove', dataElementContent(existing));
  }
}
