import { Inject, Injectable } from '@nestjs/common';
import { assertCan, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import type { LegalGroundUpdateBody, NewLegalGroundBody } from './legal-ground.dto.js';
import { LegalGroundConflictRule, LegalGroundRule } from './legal-ground.exception.js';
import { LegalGroundRepository, type LegalGround } from './legal-ground.repository.js';

/**
 * 法定事由 — the grounds on which a provider may refuse an application (非因法定事由不得拒绝),
 * maintained by the node's data-admin; a rejection cites one by code.
 */
@Injectable()
export class LegalGroundService {
  constructor(
    private readonly grounds: LegalGroundRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  list(manager: EntityManager, includeWithdrawn: boolean): Promise<LegalGround[]> {
    return this.grounds.list(manager, includeWithdrawn);
  }

  async get(manager: EntityManager, code: string): Promise<LegalGround> {
    const ground = await this.grounds.find(manager, code);
    if (!ground) throw GovdataError.notFound('legal ground', code);
    return ground;
  }

  async create(manager: EntityManager, principal: Principal, body: NewLegalGroundBody): Promise<LegalGround> {
    this.assertNodeAdmin(principal);
    const created = await this.grounds.insert(manager, {
      code: body.code,
      title: body.title,
      basis: body.basis,
      description: body.description ?? null,
      createdBy: principal.subject,
    });
    if (!created) {
      throw GovdataError.conflict(`法律依据 ${body.code} 已存在 (legal ground ${body.code} exists already)`, [
        {
          path: 'code',
          rule: LegalGroundConflictRule.Unique,
          message: `${body.code} 已被使用（已废止的法律依据保留其编码） (${body.code} is taken (withdrawn grounds keep their code))`,
        },
      ]);
    }
    return created;
  }

  async update(
    manager: EntityManager,
    principal: Principal,
    code: string,
    body: LegalGroundUpdateBody,
  ): Promise<LegalGround> {
    this.assertNodeAdmin(principal);
    const updated = await this.grounds.update(manager, code, {
      title: body.title,
      basis: body.basis,
      description: body.description ?? null,
    });
    if (!updated) throw GovdataError.notFound('legal ground', code);
    return updated;
  }

  /** A withdrawn ground can no longer be cited; the timelines that cite it keep its code and title. */
  async withdraw(manager: EntityManager, principal: Principal, code: string): Promise<LegalGround> {
    this.assertNodeAdmin(principal);
    const withdrawn = await this.grounds.withdraw(manager, code);
    if (!withdrawn) throw GovdataError.notFound('legal ground', code);
    return withdrawn;
  }

  /** The ground a rejection cites: it must be on the list and in force. */
  async citable(manager: EntityManager, code: string | undefined, path = 'groundCode'): Promise<LegalGround> {
    if (!code) {
      throw GovdataError.rule(
        path,
        LegalGroundRule.Required,
        '非因法定事由不得拒绝: a refusal must cite a legal ground (GET /api/v1/demand/legal-grounds)',
      );
    }
    const ground = await this.grounds.find(manager, code);
    if (!ground || ground.withdrawnAt) {
      throw GovdataError.rule(
        path,
        LegalGroundRule.Required,
        `${code} 不是节点 ${this.config.node.code} 现行有效的法律依据 (${code} is not a legal ground in force on node ${this.config.node.code} (GET /api/v1/demand/legal-grounds))`,
      );
    }
    return ground;
  }

  private assertNodeAdmin(principal: Principal): void {
    assertCan(
      principal,
      'demand.legal-grounds.write',
      { nodeCode: this.config.node.code },
      'maintaining the legal grounds',
    );
  }
}
