import { Inject, Injectable } from '@nestjs/common';
import { RevocationList, type RevocationReason } from '@govdata/federation-pki';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import {
  checkGuards,
  EnrolmentEffect,
  EnrolmentGuard,
  EnrolmentVerb,
  rowFor,
  runEffects,
} from '../enrolment/enrolment-workflow.js';
import { LinkServer } from '../links/link-server.js';
import { CrlSigner } from './crl-signer.js';
import { RegistryConflict } from './registry.exception.js';
import { RegistryRepository, type ChildNode } from './registry.repository.js';
import { childView } from './registry.service.js';

/**
 * 吊销 — an operator revokes a child: every live certificate of it goes on the CRL (after a renewal
 * the previous one is still valid), the CRL is signed afresh and the child's links are cut.
 */
@Injectable()
export class RevokeChildUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryRepository,
    private readonly crlSigner: CrlSigner,
    private readonly links: LinkServer,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(code: string, principal: Principal, input: { reason: RevocationReason; note?: string | undefined }) {
    const issuerCode = this.config.node.code;
    let cutLinks = false;
    const result = await this.dataSource.transaction(async (m) => {
      const found = await this.registry.child(m, code, true);
      if (!found) throw GovdataError.notFound('child node', code);
      const child: ChildNode = found;
      const notActive = () =>
        GovdataError.conflict(
          `节点 ${code} 的状态为 ${child.status}；只能吊销有效的下级节点 (node ${code} is ${child.status}; only an active child can be revoked)`,
          [{ path: 'code', rule: RegistryConflict.Active, message: `为 ${child.status} (is ${child.status})` }],
        );
      const row = rowFor(
        child.status,
        EnrolmentVerb.Revoke,
        { kind: 'principal', principal, nodeCode: issuerCode },
        notActive,
      );
      await checkGuards(EnrolmentVerb.Revoke, (guard) => {
        if (guard === EnrolmentGuard.HoldsCertificate && !child.certificateSerial) throw notActive();
      });
      const revokedAt = new Date();
      let list: RevocationList | undefined;
      await runEffects(row, {
        [EnrolmentEffect.RevokeCertificates]: async () => {
          const state = await this.registry.lockRevocationList(m, issuerCode);
          const serials = new Set([child.certificateSerial!, ...(await this.registry.liveSerials(m, code))]);
          list = new RevocationList(issuerCode, await this.registry.revocations(m), state.number);
          for (const serial of serials) {
            if (list.isRevoked(serial)) continue;
            const entry = { serial, childCode: code, revokedAt, reason: input.reason };
            list = list.revoke(entry);
            await this.registry.insertRevocation(m, {
              ...entry,
              note: input.note ?? null,
              revokedBy: principal.subject,
            });
          }
        },
        [EnrolmentEffect.SignCrl]: async () =>
          this.registry.saveRevocationList(m, issuerCode, list!.number, await this.crlSigner.sign(list!)),
        [EnrolmentEffect.MarkRevoked]: () => this.registry.markRevoked(m, code, revokedAt, input.reason),
        [EnrolmentEffect.CutLinks]: async () => {
          cutLinks = true;
        },
      });
      return { ...childView((await this.registry.child(m, code))!, revokedAt), crlNumber: list!.number };
    });
    // After the commit: cut the child's open links now rather than at the next periodic check.
    if (cutLinks) await this.links.refreshNow();
    return result;
  }
}
