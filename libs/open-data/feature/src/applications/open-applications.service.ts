import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { OpenApplicationAction, OpenApplicationEventV1 } from '@govdata/contracts';
import { scopeOf, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { EventPublisher } from '@govdata/platform-messaging';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { publishedColumns, type DatasetRecord } from '../datasets/dataset.js';
import { servedByOrigin } from '../datasets/open-data.exception.js';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { OpeningClock } from '../datasets/opening-clock.js';
import type { OpenAccount } from '../people/open-account.js';
import { realNameRequired } from '../people/people.exception.js';
import { ApplicationRule, badField, wrongState } from './application.exception.js';
import {
  agreementSha256,
  agreementText,
  APPLICATION_MAX_DAYS,
  APPLICATION_REVIEW_WORKING_DAYS,
  SECURITY_COMMITMENT_CODES,
  type ApplicationRecord,
  type SecurityCommitment,
} from './open-application.js';
import { OpenApplicationRepository } from './open-application.repository.js';

export interface ApplicationInput {
  purpose: string;
  scenario: string;
  fields: string[];
  commitments: SecurityCommitment[];
  validUntil: string;
}

export type DecisionInput =
  | { decision: 'approve'; fields?: string[]; validUntil?: string; conditions?: string }
  | { decision: 'refuse'; reason: string };

/**
 * 有条件开放 — applications to use a dataset opened on conditions, from submission by a real-name
 * person through the providing department's decision (within its working days), the agreement and
 * its signature, to the grant the dataset's rows and downloads are then served under, until it
 * expires or the department revokes it. Every change is announced as `open-data.application.v1`.
 */
@Injectable()
export class OpenApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    private readonly applications: OpenApplicationRepository,
    private readonly clock: OpeningClock,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async apply(account: OpenAccount, datasetId: string, input: ApplicationInput): Promise<ApplicationRecord> {
    if (!account.realName) throw realNameRequired('申请使用有条件开放数据');
    const dataset = await this.conditionalDataset(datasetId);
    const fields = await this.checkFields(dataset, input.fields, 'fields');
    const missing = SECURITY_COMMITMENT_CODES.filter((c) => !input.commitments.includes(c));
    if (missing.length > 0) {
      throw badField(
        'commitments',
        ApplicationRule.EveryCommitment,
        `须接受全部安全承诺，尚缺：${missing.join(', ')} (every security commitment must be accepted; missing: ${missing.join(', ')})`,
      );
    }
    this.checkPeriod(input.validUntil, 'validUntil');
    const { due, dueProvisional } = this.clock.dueIn(APPLICATION_REVIEW_WORKING_DAYS);
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (await this.applications.findLive(manager, account.id, dataset.id)) throw alreadyApplied();
        const created = await this.applications.insert(manager, {
          id: randomUUID(),
          datasetId: dataset.id,
          organisationId: dataset.organisationId,
          accountId: account.id,
          applicant: {
            kind: account.realName!.kind,
            name: account.realName!.name,
            idMasked: account.realName!.idMasked,
          },
          purpose: input.purpose,
          scenario: input.scenario,
          commitments: SECURITY_COMMITMENT_CODES.slice(),
          fields,
          validUntil: input.validUntil,
          due,
          dueProvisional,
        });
        await this.announce(manager, 'submitted', created, dataset);
        return created;
      });
    } catch (error) {
      // Two submissions at once: the partial unique index lets one through.
      if (isUniqueViolation(error)) throw alreadyApplied();
      throw error;
    }
  }

  /** The person's own application (404 for anybody else's). */
  async own(account: OpenAccount, id: string): Promise<ApplicationRecord> {
    const found = await this.applications.findById(this.dataSource.manager, id);
    if (!found || found.accountId !== account.id) throw GovdataError.notFound('open application', id);
    return found;
  }

  /** 签署协议: the applicant accepts the agreement text offered, named by its sha256; the grant is in force. */
  async sign(account: OpenAccount, id: string, sha256: string): Promise<ApplicationRecord> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.applications.findById(manager, id, true);
      if (!found || found.accountId !== account.id) throw GovdataError.notFound('open application', id);
      if (found.status !== 'approved') {
        throw wrongState('只有已批准的申请可以签署协议 (only an approved application has an agreement to sign)');
      }
      if (sha256 !== found.agreementSha256) {
        throw badField(
          'agreementSha256',
          ApplicationRule.AgreementChanged,
          '签署的协议与提供的协议文本不一致，请重新阅读协议 (the signature names another text than the agreement offered)',
        );
      }
      const signed = await this.applications.sign(manager, id);
      await this.announce(manager, 'signed', signed);
      return signed;
    });
  }

  /** 撤回: the applicant withdraws while it awaits review or signature, or gives up a grant in force. */
  async withdraw(account: OpenAccount, id: string): Promise<ApplicationRecord> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.applications.findById(manager, id, true);
      if (!found || found.accountId !== account.id) throw GovdataError.notFound('open application', id);
      if (found.status !== 'submitted' && found.status !== 'approved' && found.status !== 'active') {
        throw wrongState(`该申请已结束，无法撤回 (the application has ended: ${found.status})`);
      }
      const withdrawn = await this.applications.withdraw(manager, id, found.status);
      await this.announce(manager, 'withdrawn', withdrawn);
      return withdrawn;
    });
  }

  /** An application the staff member may see: the node authority sees all; a department its own. */
  async visible(principal: Principal, id: string): Promise<ApplicationRecord> {
    const found = await this.applications.findById(this.dataSource.manager, id);
    if (
      !found ||
      !scopeOf(principal, 'open-data.application.read', {
        nodeCode: this.config.node.code,
        organisationId: found.organisationId,
      })
    ) {
      throw GovdataError.notFound('open application', id);
    }
    return found;
  }

  /** The providing department approves (offering the agreement) or refuses with a reason. */
  async decide(principal: Principal, id: string, input: DecisionInput): Promise<ApplicationRecord> {
    await this.deciding(principal, id);
    return this.dataSource.transaction(async (manager) => {
      const found = (await this.applications.findById(manager, id, true))!;
      if (found.status !== 'submitted') {
        throw wrongState(`该申请已处理（${found.status}），不能再次审核 (the application was decided already)`);
      }
      const dataset = (await this.datasets.findById(manager, found.datasetId))!;
      const by = principal.name ?? principal.subject;
      if (input.decision === 'refuse') {
        const refused = await this.applications.refuse(manager, id, { by, reason: input.reason });
        await this.announce(manager, 'refused', refused, dataset);
        return refused;
      }
      const fields = input.fields ?? found.fields;
      fields.forEach((f, i) => {
        if (!found.fields.includes(f)) {
          throw badField(
            `fields.${i}`,
            ApplicationRule.WithinRequest,
            `批准的字段须在申请的字段之内：${f} (a granted field is one that was asked for)`,
          );
        }
      });
      const until = input.validUntil ?? found.validUntil;
      if (until > found.validUntil) {
        throw badField(
          'validUntil',
          ApplicationRule.WithinRequest,
          `批准的期限不能超过申请的期限 ${found.validUntil} (the grant ends at the latest on the day asked for)`,
        );
      }
      this.checkPeriod(until, 'validUntil');
      const text = agreementText({
        datasetName: dataset.name,
        datasetId: dataset.id,
        providerName: dataset.providerName,
        openConditions: dataset.openConditions,
        applicant: found.applicant,
        purpose: found.purpose,
        scenario: found.scenario,
        fields: [...new Set(fields)],
        from: this.clock.today(),
        until,
        departmentConditions: input.conditions ?? null,
      });
      const approved = await this.applications.approve(manager, id, {
        by,
        note: input.conditions ?? null,
        fields: [...new Set(fields)],
        until,
        agreementText: text,
        sha256: agreementSha256(text),
      });
      await this.announce(manager, 'approved', approved, dataset);
      return approved;
    });
  }

  /** 终止: the providing department ends a grant in force, with a reason; access stops at once. */
  async revoke(principal: Principal, id: string, reason: string): Promise<ApplicationRecord> {
    await this.deciding(principal, id);
    return this.dataSource.transaction(async (manager) => {
      const found = (await this.applications.findById(manager, id, true))!;
      if (found.status !== 'active') {
        throw wrongState(`只能终止使用中的申请（当前：${found.status}） (only a grant in force can be revoked)`);
      }
      const revoked = await this.applications.revoke(manager, id, { by: principal.name ?? principal.subject, reason });
      await this.announce(manager, 'revoked', revoked);
      return revoked;
    });
  }

  /** The items a grant in force lets the account read in the dataset, or null without one. */
  async grantedFields(accountId: string, datasetId: string): Promise<string[] | null> {
    const grant = await this.applications.grantInForce(
      this.dataSource.manager,
      accountId,
      datasetId,
      this.clock.today(),
    );
    return grant?.grantedFields ?? null;
  }

  /** 404 when the staff member cannot see it, 403 when they see it but may not decide it. */
  private async deciding(principal: Principal, id: string): Promise<void> {
    const found = await this.visible(principal, id);
    const target = { nodeCode: this.config.node.code, organisationId: found.organisationId };
    if (!scopeOf(principal, 'open-data.application.decide', target)) {
      throw GovdataError.forbidden(
        '只有数据提供部门可以审核该申请 (only the providing department decides an application for its data)',
      );
    }
  }

  private async conditionalDataset(id: string): Promise<DatasetRecord> {
    const dataset = await this.datasets.findById(this.dataSource.manager, id);
    const public_ = dataset && (dataset.status === 'open' || dataset.status === 'archived');
    if (!dataset || !public_ || (dataset.nodeCode !== this.config.node.code && !dataset.origin)) {
      throw GovdataError.notFound('open dataset', id);
    }
    if (dataset.origin) throw servedByOrigin(dataset, 'datasetId', { zh: '申请', en: 'apply' });
    if (dataset.status !== 'open' || dataset.openType !== 'conditional') {
      throw new GovdataError(
        GovdataError.conflict('').code,
        dataset.status !== 'open'
          ? '该数据集已归档，不再受理申请 (the dataset is archived)'
          : '该数据集为无条件开放，无需申请即可使用 (the dataset is open without conditions: no application needed)',
        [{ path: 'datasetId', rule: ApplicationRule.Conditional, message: '仅有条件开放的数据集受理申请' }],
      );
    }
    return dataset;
  }

  /** The asked fields, de-duplicated, each a published (not withheld) item of the dataset's tables. */
  private async checkFields(dataset: DatasetRecord, fields: readonly string[], path: string): Promise<string[]> {
    const resources = await this.datasets.resources(this.dataSource.manager, [dataset.id]);
    const published = new Set(resources.flatMap((r) => publishedColumns(r).map((c) => c.item)));
    fields.forEach((f, i) => {
      if (!published.has(f)) {
        throw badField(
          `${path}.${i}`,
          ApplicationRule.FieldOfDataset,
          `“${f}” 不是该数据集开放的信息项 (not a published item of the dataset; published: ${[...published].join(', ')})`,
        );
      }
    });
    return [...new Set(fields)];
  }

  private checkPeriod(until: string, path: string): void {
    const today = this.clock.today();
    const latest = addDays(today, APPLICATION_MAX_DAYS);
    if (until <= today || until > latest) {
      throw badField(
        path,
        ApplicationRule.Period,
        `使用期限须晚于今天 ${today}，且不超过 ${latest} (the last day is after today and at most ${APPLICATION_MAX_DAYS} days ahead)`,
      );
    }
  }

  private async announce(
    manager: EntityManager,
    action: OpenApplicationAction,
    a: ApplicationRecord,
    dataset?: DatasetRecord,
  ): Promise<void> {
    const name = dataset?.name ?? (await this.datasets.findById(manager, a.datasetId))?.name ?? a.datasetId;
    const data: OpenApplicationEventV1 = {
      action,
      at: new Date().toISOString(),
      application: {
        id: a.id,
        nodeCode: this.config.node.code,
        datasetId: a.datasetId,
        datasetName: name,
        organisationId: a.organisationId,
        applicantKind: a.applicant.kind,
        status: a.status,
        fields: a.fields,
        grantedFields: a.grantedFields,
        validUntil: a.validUntil,
        grantedUntil: a.grantedUntil,
        due: a.due,
        submittedAt: a.submittedAt,
        decidedAt: a.decidedAt,
      },
    };
    await this.publisher.publish(manager, { type: 'open-data.application.v1', subject: a.id, data });
  }
}

function alreadyApplied(): GovdataError {
  return new GovdataError(
    GovdataError.conflict('').code,
    '您对该数据集已有在审或使用中的申请 (you already have an application in progress or in force for this dataset)',
    [],
    { reason: ApplicationRule.Exists },
  );
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
