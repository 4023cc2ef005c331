import { Injectable } from '@nestjs/common';
import { GovdataError } from '@govdata/platform-errors';
import { DataSource, type EntityManager } from 'typeorm';
import { tokenMatches } from './enrolment-token.js';
import { EnrolmentConflict } from './enrolment.exception.js';
import { EnrolmentRepository, type Enrolment, type EnrolmentStatus } from './enrolment.repository.js';

/** What a child sees of its enrolment: the bundle to install once approved. */
export interface EnrolmentAnswer {
  id: string;
  childCode: string;
  status: EnrolmentStatus;
  rejectReason: string | null;
  certificateSerial: string | null;
  notAfter: string | null;
  bundlePem: string | null;
  trustedRootPem: string | null;
}

/**
 * 入网 — enrolment of a child node, parent side: what the operators and the child read. The writes
 * (issue a token, request, approve, reject) are use cases beside this file, run by the table in
 * `enrolment-workflow.ts`.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
  ) {}

  /** The child polling with the token it enrolled with; any other token finds nothing. */
  async answer(id: string, token: string): Promise<EnrolmentAnswer> {
    const m = this.dataSource.manager;
    const enrolment = await this.enrolments.find(m, id);
    const hash = enrolment ? await this.enrolments.tokenHashOf(m, enrolment.tokenId) : null;
    if (!enrolment || !hash || !tokenMatches(token, hash)) throw GovdataError.notFound('enrolment', id);
    return {
      id: enrolment.id,
      childCode: enrolment.childCode,
      status: enrolment.status,
      rejectReason: enrolment.rejectReason,
      certificateSerial: enrolment.certificateSerial,
      notAfter: enrolment.notAfter?.toISOString() ?? null,
      bundlePem: enrolment.bundlePem,
      trustedRootPem: enrolment.trustedRootPem,
    };
  }

  async list(status?: EnrolmentStatus) {
    return (await this.enrolments.list(this.dataSource.manager, status)).map(enrolmentSummary);
  }
}

/** The enrolment, locked: 404 when there is none, 409 when it was decided already. */
export async function pendingEnrolment(
  enrolments: EnrolmentRepository,
  m: EntityManager,
  id: string,
): Promise<Enrolment> {
  const enrolment = await enrolments.find(m, id, true);
  if (!enrolment) throw GovdataError.notFound('enrolment', id);
  if (enrolment.status !== 'pending') {
    throw GovdataError.conflict(
      `入网申请 ${id} 已处于 ${enrolment.status} 状态 (enrolment ${id} is already ${enrolment.status})`,
      [{ path: 'status', rule: EnrolmentConflict.Pending, message: `为 ${enrolment.status} (is ${enrolment.status})` }],
    );
  }
  return enrolment;
}

/** An enrolment as operators see it. */
export function enrolmentSummary(e: Enrolment) {
  return {
    id: e.id,
    childCode: e.childCode,
    childName: e.childName,
    level: e.level,
    status: e.status,
    requestedAt: e.requestedAt.toISOString(),
    decidedAt: e.decidedAt?.toISOString() ?? null,
    decidedBy: e.decidedBy,
    rejectReason: e.rejectReason,
    certificateSerial: e.certificateSerial,
    notAfter: e.notAfter?.toISOString() ?? null,
  };
}
