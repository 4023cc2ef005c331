import { Injectable } from '@nestjs/common';
import { GovdataError } from '@govdata/platform-errors';
import { LinkConflict } from '../links/link.exception.js';
import { ParentLink } from '../links/parent-link.js';

/** 证书轮换, child side: renew this node's certificate now, over the link to its parent (409 when it is not up). */
@Injectable()
export class RenewNodeCertificateUseCase {
  constructor(private readonly parentLink: ParentLink) {}

  async execute() {
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
    return this.parentLink.renewNow();
  }
}
