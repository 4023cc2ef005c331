import { Inject, Injectable } from '@nestjs/common';
import { assertCan, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import type { DataElementContent } from './data-element.repository.js';
import { StandardIssuer } from './standard-issuer.service.js';

/** What every write of a data element does besides the write: who may, and issuing the change. */
@Injectable()
export class DataElementWrites {
  constructor(
    private readonly issuer: StandardIssuer,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Only the node's data-admin changes its data elements. */
  assertNodeDataAdmin(principal: Principal): void {
    assertCan(principal, 'catalog.data-element.write', { nodeCode: this.config.node.code }, 'changing data elements');
  }

  /** The change goes to the node's subtree as the next version of the data-element standard. */
  async issue(
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
}
