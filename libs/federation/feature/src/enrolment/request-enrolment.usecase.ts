import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NodeCertificateError, readNodeCsr, type NodeCsr } from '@govdata/federation-pki';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { DataSource } from 'typeorm';
import { RegistryRepository } from '../registry/registry.repository.js';
import { hashEnrolmentToken } from './enrolment-token.js';
import { EnrolmentRule, EnrolmentTokenRefusal } from './enrolment.exception.js';
import {
  EnrolmentRepository,
  type Enrolment,
  type EnrolmentStatus,
  type EnrolmentToken,
} from './enrolment.repository.js';
import {
  checkGuards,
  EnrolmentEffect,
  EnrolmentGuard,
  EnrolmentVerb,
  rowFor,
  runEffects,
} from './enrolment-workflow.js';

/**
 * 提交证书请求 — the child's request: the token must be unused, unexpired and name the code the CSR
 * names. Public: the one-time token is the credential.
 */
@Injectable()
export class RequestEnrolmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
    private readonly registry: RegistryRepository,
  ) {}

  async execute(input: { token: string; csr: string }): Promise<{ id: string; status: EnrolmentStatus }> {
    let csr: NodeCsr;
    try {
      csr = await readNodeCsr(input.csr);
    } catch (error) {
      if (!(error instanceof NodeCertificateError)) throw error;
      throw GovdataError.validation([{ path: 'csr', rule: error.problem, message: error.message }]);
    }
    return this.dataSource.transaction(async (m) => {
      const token = await this.enrolments.lockTokenByHash(m, hashEnrolmentToken(input.token));
      await checkGuards(EnrolmentVerb.Request, (guard) => checkToken(guard, token, csr));
      const admitted = token!;
      const child = await this.registry.child(m, csr.code);
      const row = rowFor(child?.status ?? 'unknown', EnrolmentVerb.Request, { kind: 'enrolment-token' }, () =>
        GovdataError.conflict(`节点 ${csr.code} 当前不能入网 (node ${csr.code} cannot enrol now)`),
      );
      let enrolment: Enrolment | undefined;
      await runEffects(row, {
        [EnrolmentEffect.RecordRequest]: async () => {
          enrolment = await this.enrolments.insertEnrolment(m, {
            id: randomUUID(),
            tokenId: admitted.id,
            childCode: csr.code,
            childName: csr.name,
            level: csr.level,
            csrPem: input.csr,
          });
        },
        [EnrolmentEffect.ConsumeToken]: () => this.enrolments.markTokenUsed(m, admitted.id),
        [EnrolmentEffect.ListPending]: () =>
          this.registry.markPending(m, { code: csr.code, name: csr.name, level: csr.level }),
      });
      return { id: enrolment!.id, status: enrolment!.status };
    });
  }
}

/** The request's guards: a 401 for a token that does not admit it, a 422 for a CSR naming another node. */
function checkToken(guard: EnrolmentGuard, token: EnrolmentToken | null, csr: NodeCsr): void {
  const refuse = (rule: EnrolmentTokenRefusal, message: string) =>
    new GovdataError(ErrorCode.Unauthenticated, message, [{ path: 'token', rule, message }]);
  switch (guard) {
    case EnrolmentGuard.TokenKnown:
      if (!token)
        throw refuse(
          EnrolmentTokenRefusal.Known,
          '该入网令牌不是本节点签发的 (the enrolment token is not one this node issued)',
        );
      return;
    case EnrolmentGuard.TokenUnused:
      if (token!.usedAt)
        throw refuse(EnrolmentTokenRefusal.Unused, '该入网令牌已被使用 (the enrolment token has already been used)');
      return;
    case EnrolmentGuard.TokenUnexpired:
      if (token!.expiresAt < new Date()) {
        throw refuse(
          EnrolmentTokenRefusal.Unexpired,
          `该入网令牌已于 ${token!.expiresAt.toISOString()} 过期 (the enrolment token expired on ${token!.expiresAt.toISOString()})`,
        );
      }
      return;
    case EnrolmentGuard.CsrNamesTokenChild:
      if (csr.code !== token!.childCode) {
        throw GovdataError.rule(
          'csr',
          EnrolmentRule.CodeMismatch,
          `证书请求中的节点为 ${csr.code}，而令牌是为 ${token!.childCode} 签发的 (the certificate request names node ${csr.code}; the token was issued for ${token!.childCode})`,
        );
      }
      return;
    default:
      throw new Error(`an enrolment request has no guard ${guard}`);
  }
}
