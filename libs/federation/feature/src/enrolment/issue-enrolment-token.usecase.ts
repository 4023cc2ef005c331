import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NodeLevel } from '@govdata/codes';
import { mayCertify, nodeLevelOf } from '@govdata/federation-pki';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { RegistryRepository } from '../registry/registry.repository.js';
import { hashEnrolmentToken, newEnrolmentToken } from './enrolment-token.js';
import { EnrolmentConflict, EnrolmentRule } from './enrolment.exception.js';
import { EnrolmentRepository, type EnrolmentToken } from './enrolment.repository.js';
import {
  checkGuards,
  EnrolmentEffect,
  EnrolmentGuard,
  EnrolmentVerb,
  rowFor,
  runEffects,
} from './enrolment-workflow.js';

const DAY_MS = 86_400_000;

export interface IssueEnrolmentTokenInput {
  childCode: string;
  childName: string;
  level: NodeLevel;
  expiresInDays: number;
}

/** 签发入网令牌 — an operator issues a one-time token naming the child (the token is shown once). */
@Injectable()
export class IssueEnrolmentTokenUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentRepository,
    private readonly registry: RegistryRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async execute(principal: Principal, input: IssueEnrolmentTokenInput) {
    const own = this.config.node.code;
    await checkGuards(EnrolmentVerb.IssueToken, (guard) => {
      if (guard === EnrolmentGuard.LevelOfCode && nodeLevelOf(input.childCode) !== input.level) {
        throw GovdataError.rule(
          'level',
          EnrolmentRule.LevelOfCode,
          `${input.childCode} 不是 ${input.level} 级节点的代码 (${input.childCode} is not the code of a ${input.level} node)`,
        );
      }
      if (guard === EnrolmentGuard.ChildOfThisNode && !mayCertify(own, input.childCode)) {
        throw GovdataError.rule(
          'childCode',
          EnrolmentRule.Subtree,
          `节点 ${own} 不能为 ${input.childCode} 签发证书：不是其下级节点 (node ${own} may not certify ${input.childCode}: not its child)`,
        );
      }
    });
    const token = newEnrolmentToken();
    return this.dataSource.transaction(async (m) => {
      const child = await this.registry.child(m, input.childCode);
      const row = rowFor(
        child?.status ?? 'unknown',
        EnrolmentVerb.IssueToken,
        { kind: 'principal', principal, nodeCode: own },
        () =>
          GovdataError.conflict(
            `节点 ${input.childCode} 已入网且处于有效状态 (node ${input.childCode} is already enrolled and active)`,
            [{ path: 'childCode', rule: EnrolmentConflict.NotActive, message: '已入网 (already enrolled)' }],
          ),
      );
      let saved: EnrolmentToken | undefined;
      await runEffects(row, {
        [EnrolmentEffect.StoreToken]: async () => {
          saved = await this.enrolments.insertToken(m, {
            id: randomUUID(),
            tokenHash: hashEnrolmentToken(token),
            childCode: input.childCode,
            childName: input.childName,
            level: input.level,
            createdBy: principal.subject,
            expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
          });
        },
      });
      return {
        id: saved!.id,
        token,
        childCode: saved!.childCode,
        childName: saved!.childName,
        level: saved!.level,
        expiresAt: saved!.expiresAt.toISOString(),
      };
    });
  }
}
