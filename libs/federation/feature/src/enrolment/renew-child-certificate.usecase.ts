import { Inject, Injectable } from '@nestjs/common';
import type { federationV1 } from '@govdata/contracts';
import { NodeCertificateError, NodePkiStore, readNodeCsr, type NodeCsr } from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { RegistryRepository } from '../registry/registry.repository.js';
import { RenewalRefusal } from './enrolment.exception.js';
import {
  checkGuards,
  EnrolmentEffect,
  EnrolmentGuard,
  EnrolmentVerb,
  rowFor,
  runEffects,
} from './enrolment-workflow.js';

/**
 * 证书轮换, parent side: a child already holding a valid, unrevoked certificate (proven by the mTLS
 * handshake and the link's interceptor) asks for a certificate for a new key naming the same node;
 * this node signs it at once. The old certificate stays valid until it expires, so nothing waits.
 * Refusals are RenewalRefusals, which the link answers as FAILED_PRECONDITION with the reason.
 */
@Injectable()
export class RenewChildCertificateUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: NodePkiStore,
    private readonly registry: RegistryRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(child: string, request: federationV1.RenewRequest): Promise<federationV1.RenewResponse> {
    let csr: NodeCsr;
    try {
      csr = await readNodeCsr(request.csrPem);
    } catch (error) {
      if (error instanceof NodeCertificateError) throw new RenewalRefusal(`csr_pem: ${error.message}`);
      throw error;
    }
    await checkGuards(EnrolmentVerb.Renew, (guard) => {
      if (guard === EnrolmentGuard.CsrNamesLinkChild && csr.code !== child) {
        throw new RenewalRefusal(`the request names node ${csr.code}; the link is node ${child}'s`);
      }
    });
    return this.dataSource.transaction(async (m) => {
      const row = await this.registry.child(m, child, true);
      const step = rowFor(
        row?.status ?? 'unknown',
        EnrolmentVerb.Renew,
        { kind: 'child-link', childCode: child },
        () => new RenewalRefusal(`node ${child} is not an active child of ${this.config.node.code}`),
      );
      let issued: Awaited<ReturnType<NodePkiStore['approve']>> | undefined;
      await runEffects(step, {
        [EnrolmentEffect.SignCertificate]: async () => {
          issued = await this.store.approve(request.csrPem);
        },
        [EnrolmentEffect.RecordRenewal]: () =>
          this.registry.markRenewed(m, {
            code: child,
            serial: issued!.serial,
            notBefore: issued!.notBefore,
            notAfter: issued!.notAfter,
          }),
        [EnrolmentEffect.RecordCertificate]: () =>
          this.registry.recordCertificate(m, {
            code: child,
            serial: issued!.serial,
            notBefore: issued!.notBefore,
            notAfter: issued!.notAfter,
            via: 'renewal',
          }),
      });
      return {
        bundlePem: issued!.bundlePem,
        trustedRootPem: issued!.trustedRootPem,
        serial: issued!.serial,
        notAfterMs: issued!.notAfter.getTime(),
      };
    });
  }
}
