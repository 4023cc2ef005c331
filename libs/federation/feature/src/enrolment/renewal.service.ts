import { Inject, Injectable } from '@nestjs/common';
import type { federationV1 } from '@govdata/contracts';
import { NodeCertificateError, NodePkiStore, readNodeCsr } from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { RegistryRepository } from '../registry/registry.repository.js';

/** Why a renewal request was refused (sent back to the child). */
export class RenewalRefusal extends Error {}

/**
 * 证书轮换, parent side: a child already holding a valid, unrevoked certificate (proven by the mTLS
 * handshake and the link's interceptor) asks for a certificate for a new key naming the same node;
 * this node signs it at once. The old certificate stays valid until it expires, so nothing waits.
 */
@Injectable()
export class RenewalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: NodePkiStore,
    private readonly registry: RegistryRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async renewChild(child: string, request: federationV1.RenewRequest): Promise<federationV1.RenewResponse> {
    let csr;
    try {
      csr = await readNodeCsr(request.csrPem);
    } catch (error) {
      if (error instanceof NodeCertificateError) throw new RenewalRefusal(`csr_pem: ${error.message}`);
      throw error;
    }
    if (csr.code !== child) {
      throw new RenewalRefusal(`the request names node ${csr.code}; the link is node ${child}'s`);
    }
    return this.dataSource.transaction(async (m) => {
      const row = await this.registry.child(m, child, true);
      if (!row || row.status !== 'active') {
        throw new RenewalRefusal(`node ${child} is not an active child of ${this.config.node.code}`);
      }
      const issued = await this.store.approve(request.csrPem);
      await this.registry.markRenewed(m, {
        code: child,
        serial: issued.serial,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
      });
      await this.registry.recordCertificate(m, {
        code: child,
        serial: issued.serial,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
        via: 'renewal',
      });
      return {
        bundlePem: issued.bundlePem,
        trustedRootPem: issued.trustedRootPem,
        serial: issued.serial,
        notAfterMs: issued.notAfter.getTime(),
      };
    });
  }
}
