import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { DataElementWrites } from './data-element-writes.js';
import type { DataElementUpdateBody } from './data-element.dto.js';
import { dataElementContent, DataElementRepository, type DataElement } from './data-element.repository.js';
import { assertOwn, contentOf } from './data-element.service.js';

/**
 * `PUT /data-elements/:identifier` — 修改数据元: the node's data-admin replaces one of the node's own
 * elements; an unchanged element is not issued again.
 */
@Injectable()
export class ChangeDataElementUseCase {
  constructor(
    private readonly elements: DataElementRepository,
    private readonly writes: DataElementWrites,
  ) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    identifier: string,
    body: DataElementUpdateBody,
  ): Promise<DataElement> {
    this.writes.assertNodeDataAdmin(principal);
    const existing = await this.elements.find(manager, identifier, true);
    if (!existing) throw GovdataError.notFound('data element', identifier);
    assertOwn(existing);
    const content = contentOf(identifier, body);
    if (JSON.stringify(content) === JSON.stringify(dataElementContent(existing))) return existing;
    await this.elements.update(manager, content, principal.subject);
    await this.writes.issue(manager, principal, 'upsert', content);
    return (await this.elements.find(manager, identifier))!;
  }
}
