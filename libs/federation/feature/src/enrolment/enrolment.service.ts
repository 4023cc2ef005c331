import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NodeLevel } from '@govdata/codes';
import {
  mayCertify,
  NodeCertificateError,
  NodePkiStore,
  nodeLevelOf,
  readNodeCsr,
  type NodeCsr,
} from '@govdata/federation-pki';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { RegistryRepository } from '../registry/registry.repository.js';
import { hashEnrolmentToken, newEnrolmentToken, tokenMatches } from './enrolment-token.js';
import { EnrolmentRepository, type Enrolment, type EnrolmentStatus } from './enrolment.repository.js';

const DAY_MS = 86_400_000;

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
 * 入网 — enrolment of a child node, parent side. The operator issues a one-time token naming the
 * child; the child sends its CSR with it; the operator approves (this node signs) or rejects.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
    private readonly registry: RegistryRepository,
    private readonly store: NodePkiStore,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async issueToken(
    principal: Principal,
    input: { childCode: string; childName: string; level: NodeLevel; expiresInDays: number },
  ) {
    const own = this.config.node.code;
    if (nodeLevelOf(input.childCode) !== input.level) {
      throw GovdataError.rule('level', 'level-of-code', `${input.childCode} is not the code of a ${input.level} node`);
    }
    if (!mayCertify(own, input.childCode)) {
      throw GovdataError.rule('childCode', 'subtree', `node ${own} may not certify ${input.childCode}: not its child`);
    }
    const token = newEnrolmentToken();
    return this.dataSource.transaction(async (m) => {
      const child = await this.registry.child(m, input.childCode);
      if (child?.status === 'active') {
        throw GovdataError.conflict(`node ${input.childCode} is already enrolled and active`, [
          { path: 'childCode', rule: 'not-active', message: 'already enrolled' },
        ]);
      }
      const saved = await this.enrolments.insertToken(m, {
        id: randomUUID(),
        tokenHash: hashEnrolmentToken(token),
        childCode: input.childCode,
        childName: input.childName,
        level: input.level,
        createdBy: principal.subject,
        expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
      });
      return {
        id: saved.id,
        token,
        childCode: saved.childCode,
        childName: saved.childName,
        level: saved.level,
        expiresAt: saved.expiresAt.toISOString(),
      };
    });
  }

  /** The child's request: the token must be unused, unexpired and name the code the CSR names. */
  async request(input: { token: string; csr: string }): Promise<{ id: string; status: EnrolmentStatus }> {
    let csr: NodeCsr;
    try {
      csr = await readNodeCsr(input.csr);
    } catch (error) {
      if (!(error instanceof NodeCertificateError)) throw error;
      throw GovdataError.validation([{ path: 'csr', rule: error.problem, message: error.message }]);
    }
    return this.dataSource.transaction(async (m) => {
      const token = await this.enrolments.lockTokenByHash(m, hashEnrolmentToken(input.token));
      const refuse = (rule: string, message: string) =>
        new GovdataError(ErrorCode.Unauthenticated, message, [{ path: 'token', rule, message }]);
      if (!token) throw refuse('known', 'the enrolment token is not one this node issued');
      if (token.usedAt) throw refuse('unused', 'the enrolment token has already been used');
      if (token.expiresAt < new Date())
        throw refuse('unexpired', `the enrolment token expired on ${token.expiresAt.toISOString()}`);
      if (csr.code !== token.childCode) {
        throw GovdataError.rule(
          'csr',
          'code-mismatch',
          `the certificate request names node ${csr.code}; the token was issued for ${token.childCode}`,
        );
      }
      const enrolment = await this.enrolments.insertEnrolment(m, {
        id: randomUUID(),
        tokenId: token.id,
        childCode: csr.code,
        childName: csr.name,
        level: csr.level,
        csrPem: input.csr,
      });
      await this.enrolments.markTokenUsed(m, token.id);
      await this.registry.markPending(m, { code: csr.code, name: csr.name, level: csr.level });
      return { id: enrolment.id, status: enrolment.status };
    });
  }

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
    return (await this.enrolments.list(this.dataSource.manager, status)).map(summary);
  }

  async approve(id: string, principal: Principal, validityDays?: number) {
    if (!(await this.store.activeGeneration())) {
      throw GovdataError.rule(
        'node',
        'certified',
        `node ${this.config.node.code} has no key: run \`govdata node init\``,
      );
    }
    return this.dataSource.transaction(async (m) => {
      const enrolment = await this.pending(m, id);
      const issued = await this.store.approve(enrolment.csrPem, validityDays ? { validityDays } : {});
      await this.enrolments.approve(m, id, {
        decidedBy: principal.subject,
        serial: issued.serial,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
        bundlePem: issued.bundlePem,
        trustedRootPem: issued.trustedRootPem,
      });
      await this.registry.markActive(m, {
        code: issued.code,
        name: issued.name,
        level: issued.level,
        serial: issued.serial,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
      });
      await this.registry.recordCertificate(m, {
        code: issued.code,
        serial: issued.serial,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
        via: 'enrolment',
      });
      return summary((await this.enrolments.find(m, id))!);
    });
  }

  async reject(id: string, principal: Principal, reason: string) {
    return this.dataSource.transaction(async (m) => {
      const enrolment = await this.pending(m, id);
      await this.enrolments.reject(m, id, principal.subject, reason);
      await this.registry.forgetPending(m, enrolment.childCode);
      return summary((await this.enrolments.find(m, id))!);
    });
  }

  private async pending(m: Parameters<EnrolmentRepository['find']>[0], id: string): Promise<Enrolment> {
    const enrolment = await this.enrolments.find(m, id, true);
    if (!enrolment) throw GovdataError.notFound('enrolment', id);
    if (enrolment.status !== 'pending') {
      throw GovdataError.conflict(`enrolment ${id} is already ${enrolment.status}`, [
        { path: 'status', rule: 'pending', message: `is ${enrolment.status}` },
      ]);
    }
    return enrolment;
  }
}

function summary(e: Enrolment) {
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
