import { Injectable } from '@nestjs/common';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import type { DataElementQuery, DataElementUpdateBody } from './data-element.dto.js';
import { DataElementRepository, type DataElement, type DataElementContent } from './data-element.repository.js';
import { DataElementConflictRule } from './standard.exception.js';

/**
 * 数据元 — the node's data element registry. Any signed-in user reads it; the node's data-admin
 * adds, changes and removes the node's own elements (`AddDataElementUseCase`,
 * `ChangeDataElementUseCase`, `RemoveDataElementUseCase`), each change issued to the subtree.
 * Elements issued by ancestor nodes are read-only here; the node adds its own under other identifiers.
 */
@Injectable()
export class DataElementService {
  constructor(private readonly elements: DataElementRepository) {}

  search(manager: EntityManager, query: DataElementQuery): Promise<{ items: DataElement[]; total: number }> {
    return this.elements.search(manager, query);
  }

  async get(manager: EntityManager, identifier: string): Promise<DataElement> {
    const element = await this.elements.find(manager, identifier);
    if (!element) throw GovdataError.notFound('data element', identifier);
    return element;
  }
}

/** The element's content from a request body. */
export function contentOf(identifier: string, body: DataElementUpdateBody): DataElementContent {
  return {
    identifier,
    name: body.name,
    nameEn: body.nameEn ?? null,
    definition: body.definition,
    dataType: body.dataType,
    length: body.length ?? null,
    valueDomain: body.valueDomain ?? null,
  };
}

/** An ancestor's element is read-only here: 409 naming the identifier. */
export function assertOwn(e: DataElement): void {
  if (e.inheritedFrom) {
    throw GovdataError.conflict(
      `数据元 ${e.identifier} 继承自节点 ${e.inheritedFrom}，在本节点只读 (data element ${e.identifier} is inherited from node ${e.inheritedFrom}; it is read-only here)`,
      [
        {
          path: 'identifier',
          rule: DataElementConflictRule.InheritedStandard,
          message: `由节点 ${e.inheritedFrom} 发布；请以其他标识符添加本节点的数据元 (issued by node ${e.inheritedFrom}; add the node's own element under another identifier)`,
        },
      ],
    );
  }
}
