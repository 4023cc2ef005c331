import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { ErrorCode, GovdataError, type FieldProblem } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import type { SharingType } from '../entries/entry-content.js';
import { StandardIssuer } from '../standards/standard-issuer.service.js';
import { ClassificationWrites } from './classification-writes.js';
import type { GradePolicyInput } from './classification.dto.js';
import { ClassificationRule } from './classification.exception.js';
import { GradePolicyRepository } from './grade-policy.repository.js';

/**
 * `PUT /settings/grade-policy` — 修改分级策略: the node's data-admin changes what grades allow, within
 * every rule inherited from ancestor nodes (422 `contradicts-inherited` otherwise); each changed rule
 * is issued to the subtree.
 */
@Injectable()
export class ChangeGradePolicyUseCase {
  constructor(
    private readonly policy: GradePolicyRepository,
    private readonly issuer: StandardIssuer,
    private readonly writes: ClassificationWrites,
  ) {}

  async execute(manager: EntityManager, principal: Principal, input: GradePolicyInput): Promise<void> {
    this.writes.assertNodeDataAdmin(principal);
    const problems: FieldProblem[] = [];
    for (const [i, rule] of input.rules.entries()) {
      for (const ceiling of await this.policy.ceilings(manager, rule.grade)) {
        for (const field of ['sharingTypes', 'openTypes'] as const) {
          const beyond = rule[field].filter((t) => !ceiling[field].includes(t));
          if (beyond.length > 0)
            problems.push({
              path: `rules.${i}.${field}`,
              rule: ClassificationRule.ContradictsInherited,
              message: `${rule.grade}：节点 ${ceiling.origin} 仅允许 ${ceiling[field].join(', ')}，${beyond.join(', ')} 超出其范围 (${rule.grade}: node ${ceiling.origin} allows ${field === 'sharingTypes' ? 'sharing' : 'opening'} ${ceiling[field].join(', ')} only (v${ceiling.version}); ${beyond.join(', ')} is beyond it)`,
            });
        }
      }
    }
    if (problems.length > 0) {
      throw new GovdataError(
        ErrorCode.RuleViolated,
        problems.map((p) => `${p.path}: ${p.message}`).join('; '),
        problems,
      );
    }
    const before = new Map((await this.policy.all(manager)).map((r) => [r.grade, r]));
    await this.policy.replace(manager, input.rules, principal.subject);
    for (const rule of input.rules) {
      const old = before.get(rule.grade);
      if (old && sameTypes(old.sharingTypes, rule.sharingTypes) && sameTypes(old.openTypes, rule.openTypes)) continue;
      await this.issuer.issue(manager, {
        kind: 'grade-policy',
        key: rule.grade,
        action: 'upsert',
        body: { grade: rule.grade, sharingTypes: rule.sharingTypes, openTypes: rule.openTypes },
        issuedBy: principal.subject,
      });
    }
  }
}

function sameTypes(a: readonly SharingType[], b: readonly SharingType[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}
