import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { RegistryRepository } from '../registry/registry.repository.js';
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

/** 驳回入网 — an operator rejects a pending enrolment, with a reason. */
@Injectable()
export class RejectEnrolmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
    private readonly registry: RegistryRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(id: string, principal: Principal, reason: string) {
    return this.dataSource.transaction(async (m) => {
      let enrolment: Enrolment | undefined;
      await checkGuards(EnrolmentVerb.Reject, async (guard) => {
        if (guard === EnrolmentGuard.EnrolmentPending) enrolment = await pendingEnrolment(this.enrolments, m, id);
      });
      const pending = enrolment!;
      const child = await this.registry.child(m, pending.childCode);
      const row = rowFor(
        child?.status ?? 'unknown',
        EnrolmentVerb.Reject,
        { kind: 'principal', principal, nodeCode: this.config.node.code },
        () => GovdataError.conflict(`入网申请 ${id} 当前不能驳回 (enrolment ${id} cannot be rejected now)`),
      );
      await runEffects(row, {
        [EnrolmentEffect.RecordRejection]: () => this.enrolments.reject(m, id, principal.subject, reason),
        [EnrolmentEffect.ForgetPending]: () => this.registry.forgetPending(m, pending.childCode),
      });
      return enrolmentSummary((await this.enrolments.find(m, id))!);
    });
  }
}
