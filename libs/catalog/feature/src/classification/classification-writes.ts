import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { StandardIssuer } from '../standards/standard-issuer.service.js';
import { ClassificationConflictRule } from './classification.exception.js';
import { classificationContent, type Classification, type ClassificationContent } from './classification.repository.js';

/** What every change of the code table does besides the write: who may, and issuing the change. */
@Injectable()
export class ClassificationWrites {
  constructor(
    private readonly issuer: StandardIssuer,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  get nodeCode(): string {
    return this.config.node.code;
  }

  /** True on the national node, the only one that changes national codes. */
  get national(): boolean {
    return this.config.node.parent === null;
  }

  assertNodeDataAdmin(principal: Principal): void {
    if (principal.nodeCode !== this.config.node.code) {
      throw GovdataError.forbidden(
        `仅节点 ${this.config.node.code} 的数据管理员可修改其标准 (only a data-admin of node ${this.config.node.code} changes its standards)`,
      );
    }
  }

  /** The code's new version goes to the node's subtree. */
  async issue(manager: EntityManager, principal: Principal, c: ClassificationContent): Promise<void> {
    await this.issuer.issue(manager, {
      kind: 'classification',
      key: c.code,
      action: 'upsert',
      body: classificationContent(c),
      issuedBy: principal.subject,
    });
  }
}

/** An ancestor's code is read-only here: 409 naming the code. */
export function assertNotInherited(c: Classification): void {
  if (c.origin === 'inherited') {
    throw GovdataError.conflict(
      `分类 ${c.code} 继承自节点 ${c.inheritedFrom}，在本节点只读 (classification ${c.code} is inherited from node ${c.inheritedFrom}; it is read-only here)`,
      [
        {
          path: 'code',
          rule: ClassificationConflictRule.InheritedStandard,
          message: `issued by node ${c.inheritedFrom}; add a 目 or 细目 under it instead`,
        },
      ],
    );
  }
}
