import { Injectable } from '@nestjs/common';
import { NodePkiStore, RevocationList, signRevocationList } from '@govdata/federation-pki';
import { GovdataError } from '@govdata/platform-errors';

/** Signs this node's CRL with its certificate authority key (503 while the node has no key). */
@Injectable()
export class CrlSigner {
  constructor(private readonly store: NodePkiStore) {}

  async sign(list: RevocationList): Promise<string> {
    if (!(await this.store.activeGeneration())) {
      throw GovdataError.unavailable(
        `节点 ${list.issuerCode} 尚无密钥：请运行 \`govdata node init\` (node ${list.issuerCode} has no key yet: run \`govdata node init\`)`,
      );
    }
    return signRevocationList(list, await this.store.loadCertificateAuthority());
  }
}
