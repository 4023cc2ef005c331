import { Inject, Injectable } from '@nestjs/common';
import { assertCan, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import type { DataElementQuery, DataElementUpdateBody, NewDataElementBody } from './data-element.dto.js';
import {
  dataElementContent,
  DataElementRepository,
  type DataElement,
  type DataElementContent,
} from './data-element.repository.js';
import { StandardIssuer } from './standard-issuer.service.js';

/**
 * 数据元 — the node's data element registry. Any signed-in user reads it; the node's data-admin
 * adds, changes and removes the node's own elements, each change issued to the subtree. Elements
 * issued by ancestor nodes are read-only here; the node adds its own under other identifiers.
 */
@Injectable()
export class DataElementService {
  constructor(
    private readonly elements: DataElementRepository,
    private readonly issuer: StandardIssuer,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  search(manager: EntityManager, query: DataElementQuery): Promise<{ items: DataElement[]; total: number }> {
    return this.elements.search(manager, query);
  }

  async get(manager: EntityManager, identifier: string): Promise<DataElement> {
    const element = await this.elements.find(manager, identifier);
    if (!element) throw GovdataError.notFound('data element', identifier);
    return element;
  }

  async create(manager: EntityManager, principal: Principal, body: NewDataElementBody): Promise<DataElement> {
    this.assertNodeDataAdmin(principal);
    const content = contentOf(body.identifier, body);
    const existing = await this.elements.find(manager, content.identifier);
    if (existing) assertOwn(existing);
    if (!(await this.elements.insert(manager, content, principal.subject))) {
      throw GovdataError.conflict(`data element ${content.identifier} exists`, [
        { path: 'identifier', rule: 'unique', message: 'a data element with this identifier exists' },
      ]);
    }
    await this.issue(manager, principal, 'upsert', content);
    return (await this.elements.find(manager, content.identifier))!;
  }

  async update(
    manager: EntityManager,
    principal: Principal,
    identifier: string,
    body: DataElementUpdateBody,
  ): Promise<DataElement> {
    this.assertNodeDataAdmin(principal);
    const existing = await this.elements.find(manager, identifier, true);
    if (!existing) throw GovdataError.notFound('data element', identifier);
    assertOwn(existing);
    const content = contentOf(identifier, body);
    if (JSON.stringify(content) === JSON.stringify(dataElementContent(existing))) return existing;
    await this.elements.update(manager, content, principal.subject);
    await this.issue(manager, principal, 'upsert', content);
    return (await this.elements.find(manager, identifier))!;
  }

  /** Removes one of the node's own elements; the withdrawal is issued with its last content. */
  async remove(manager: EntityManager, principal: Principal, identifier: string): Promise<void> {
    this.assertNodeDataAdmin(principal);
    const existing = await this.elements.find(manager, identifier, true);
    if (!existing) throw GovdataError.notFound('data element', identifier);
    assertOwn(existing);
    await this.elements.remove(manager, identifier, null);
    await this.issue(manager, principal, 'remove', dataElementContent(existing));
  }

  private async issue(
    manager: EntityManager,
    principal: Principal,
    action: 'upsert' | 'remove',
    content: DataElementContent,
  ): Promise<void> {
    await this.issuer.issue(manager, {
      kind: 'data-element',
      key: content.identifier,
      action,
      body: content,
      issuedBy: principal.subject,
    });
  }

  private assertNodeDataAdmin(principal: Principal): void {
    assertCan(principal, 'catalog.data-element.write', { nodeCode: this.config.node.code }, 'changing data elements');
  }
}

function contentOf(identifier: string, body: DataElementUpdateBody): DataElementContent {
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
function assertOwn(e: DataElement): void {
  if (e.inheritedFrom) {
    throw GovdataError.conflict(
      `data element ${e.identifier} is inherited from node ${e.inheritedFrom}; it is read-only here`,
      [
        {
          path: 'identifier',
          rule: 'inherited-standard',
          message: `issued by node ${e.inheritedFrom}; add the node's own element under another identifier`,
        },
      ],
    );
  }
}
