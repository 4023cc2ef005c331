import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { LinkConflict } from '../links/link.exception.js';
import { ParentLink } from '../links/parent-link.js';

/** 立即反熵校验 — an operator has this node compare its sets with its parent now (409 without a parent or a link). */
@Injectable()
export class CompareWithParentUseCase {
  constructor(
    private readonly parentLink: ParentLink,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute() {
    if (!this.config.node.parent) {
      throw GovdataError.conflict('国家节点没有上级节点可供比对 (the national node has no parent to compare with)', [
        { path: 'node.parent', rule: LinkConflict.HasParent, message: '为空 (is null)' },
      ]);
    }
    if (this.parentLink.state !== 'up') {
      throw GovdataError.conflict(
        `与上级节点的连接状态为 ${this.parentLink.state} (the link to the parent is ${this.parentLink.state})`,
        [
          {
            path: 'link',
            rule: LinkConflict.LinkUp,
            message: `为 ${this.parentLink.state} (is ${this.parentLink.state})`,
          },
        ],
      );
    }
    return this.parentLink.compareNow();
  }
}
