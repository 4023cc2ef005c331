import { Inject, Injectable } from '@nestjs/common';
import { NodePkiStore } from '@govdata/federation-pki';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { RegistryRepository } from '../registry/registry.repository.js';
import { EnrolmentRule } from './enrolment.exception.js';
import { EnrolmentRepository, type Enrolment } from './enrolment.repository.js';
import { enrolmentSummary, pendingEnrolment } from './enrolment.service.js';
import {
  checkGuards,
  EnrolmentEffect,
  EnrolmentGuard,
  EnrolmentVerb,
  rowFor,
  runEffects,
} from './enrolment-workflow.js';

/** 批准入网 — an operator approves a pending enrolment: this node signs the child's certificate. */
@Injectable()
export class ApproveEnrolmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
    private readonly registry: RegistryRepository,
    private readonly store: NodePkiStore,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(id: string, principal: Principal, validityDays?: number) {
    const own = this.config.node.code;
    return this.dataSource.transaction(async (m) => {
      let enrolment: Enrolment | undefined;
      await checkGuards(EnrolmentVerb.Approve, async (guard) => {
        if (guard === EnrolmentGuard.NodeCertified && !(await this.store.activeGeneration())) {
          throw GovdataError.rule(
            'node',
            EnrolmentRule.Certified,
            `节点 ${own} 尚无密钥：请运行 \`govdata node init\` (node ${own} has no key: run \`govdata node init\`)`,
          );
        }
        if (guard === EnrolmentGuard.EnrolmentPending) enrolment = await pendingEnrolment(this.enrolments, m, id);
      });
      const pending = enrolment!;
      const child = await this.registry.child(m, pending.childCode);
      const row = rowFor(
        child?.status ?? 'unknown',
        EnrolmentVerb.Approve,
        { kind: 'principal', principal, nodeCode: own },
        () => GovdataError.conflict(`入网申请 ${id} 当前不能批准 (enrolment ${id} cannot be approved now)`),
      );
      let issued: Awaited<ReturnType<NodePkiStore['approve']>> | undefined;
      await runEffects(row, {
        [EnrolmentEffect.SignCertificate]: async () => {
          issued = await this.store.approve(pending.csrPem, validityDays ? { validityDays } : {});
        },
        [EnrolmentEffect.RecordApproval]: () =>
          this.enrolments.approve(m, id, {
            decidedBy: principal.subject,
            serial: issued!.serial,
            notBefore: issued!.notBefore,
            notAfter: issued!.notAfter,
            bundlePem: issued!.bundlePem,
            trustedRootPem: issued!.trustedRootPem,
          }),
        [EnrolmentEffect.ListActive]: () =>
          this.registry.markActive(m, {
            code: issued!.code,
            name: issued!.name,
            level: issued!.level,
            serial: issued!.serial,
            notBefore: issued!.notBefore,
            notAfter: issued!.notAfter,
          }),
        [EnrolmentEffect.RecordCertificate]: () =>
          this.registry.recordCertificate(m, {
            code: issued!.code,
            serial: issued!.serial,
            notBefore: issued!.notBefore,
            notAfter: issued!.notAfter,
            via: 'enrolment',
          }),
      });
      return enrolmentSummary((await this.enrolments.find(m, id))!);
    });
  }
}
