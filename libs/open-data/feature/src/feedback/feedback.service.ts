import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { OpenErrorReportEventV1 } from '@govdata/contracts';
import { scopeOf, type Permission, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { EventPublisher } from '@govdata/platform-messaging';
import { RedisRateLimiter } from '@govdata/platform-redis';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { publishedColumns, type DatasetRecord } from '../datasets/dataset.js';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { servedByOrigin } from '../datasets/open-data.exception.js';
import { OpeningClock } from '../datasets/opening-clock.js';
import type { OpenDomain } from '../datasets/open-vocabulary.js';
import type { OpenAccount } from '../people/open-account.js';
import {
  FEEDBACK_WORKING_DAYS,
  type DemandOutcome,
  type DemandRecord,
  type ErrorReportOutcome,
  type ErrorReportRecord,
} from './feedback.js';
import { FeedbackRepository } from './feedback.repository.js';

/** Per account: demands a day, error reports a day. */
export const FEEDBACK_LIMITS = {
  demands: { limit: 10, windowSeconds: 86_400 },
  errorReports: { limit: 30, windowSeconds: 86_400 },
} as const;

export interface DemandInput {
  title: string;
  description: string;
  domain?: OpenDomain;
  organisationId?: string;
}

export interface DemandAnswerInput {
  outcome: DemandOutcome;
  text: string;
  datasetId?: string;
  plannedBy?: string;
}

export interface ErrorReportInput {
  resourceId?: string;
  item?: string;
  rowHint?: string;
  description: string;
}

/**
 * 数据需求征集 and 纠错: what the public asks of the node's departments. A demand names a department
 * or is routed to one by the node authority; the department answers within its working days, and the
 * answer is public. An error report on an open dataset goes to its providing department, which
 * answers corrected or checked-and-right within its working days; both ends of a report are
 * announced as `open-data.error-report.v1` (no personal information) for governance to take up.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feedback: FeedbackRepository,
    private readonly datasets: DatasetRepository,
    private readonly clock: OpeningClock,
    private readonly limiter: RedisRateLimiter,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async submitDemand(account: OpenAccount, input: DemandInput): Promise<DemandRecord> {
    const department = input.organisationId ? await this.department(input.organisationId, 'organisationId') : null;
    await this.admit(account, 'demands');
    const { due, dueProvisional } = department
      ? this.clock.dueIn(FEEDBACK_WORKING_DAYS)
      : { due: null, dueProvisional: false };
    return this.feedback.insertDemand(this.dataSource.manager, {
      id: randomUUID(),
      accountId: account.id,
      title: input.title,
      description: input.description,
      domain: input.domain ?? null,
      organisationId: department?.id ?? null,
      organisationName: department?.name ?? null,
      due,
      dueProvisional,
    });
  }

  /** The node authority routes a demand to a department; the department's working days start then. */
  async routeDemand(principal: Principal, id: string, organisationId: string): Promise<DemandRecord> {
    const department = await this.department(organisationId, 'organisationId');
    return this.dataSource.transaction(async (manager) => {
      const demand = await this.feedback.findDemand(manager, id, true);
      if (!demand) throw GovdataError.notFound('open demand', id);
      if (demand.status !== 'open') throw answeredAlready('需求');
      const { due, dueProvisional } = this.clock.dueIn(FEEDBACK_WORKING_DAYS);
      return this.feedback.routeDemand(manager, id, {
        organisationId: department.id,
        organisationName: department.name,
        by: principal.name ?? principal.subject,
        due,
        dueProvisional,
      });
    });
  }

  async answerDemand(principal: Principal, id: string, input: DemandAnswerInput): Promise<DemandRecord> {
    if (input.outcome === 'already-open') {
      if (!input.datasetId)
        throw requiredFor('datasetId', '已经开放的答复须指明数据集 (name the dataset that is open)');
      const dataset = await this.datasets.findById(this.dataSource.manager, input.datasetId);
      if (!dataset || dataset.status !== 'open') {
        throw GovdataError.validation([
          {
            path: 'datasetId',
            rule: 'open-dataset',
            message: '须为本节点已开放的数据集 (an open dataset of this node)',
          },
        ]);
      }
    }
    if (input.outcome === 'will-open') {
      if (!input.plannedBy) throw requiredFor('plannedBy', '将予开放的答复须给出计划日期 (say by when it will open)');
      if (input.plannedBy <= this.clock.today()) {
        throw GovdataError.validation([
          { path: 'plannedBy', rule: 'future', message: '计划日期须晚于今天 (a day after today)' },
        ]);
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const demand = await this.feedback.findDemand(manager, id, true);
      if (!demand || !this.may(principal, 'open-data.demand.read', demand.organisationId)) {
        throw GovdataError.notFound('open demand', id);
      }
      if (!this.may(principal, 'open-data.demand.answer', demand.organisationId)) {
        throw GovdataError.forbidden('只有被征集的部门或数据主管部门可以答复 (only the department asked answers it)');
      }
      if (demand.status !== 'open') throw answeredAlready('需求');
      return this.feedback.answerDemand(manager, id, {
        outcome: input.outcome,
        text: input.text,
        datasetId: input.outcome === 'already-open' ? input.datasetId! : null,
        plannedBy: input.outcome === 'will-open' ? input.plannedBy! : null,
        by: principal.name ?? principal.subject,
      });
    });
  }

  async submitReport(account: OpenAccount, datasetId: string, input: ErrorReportInput): Promise<ErrorReportRecord> {
    const dataset = await this.datasets.findById(this.dataSource.manager, datasetId);
    if (!dataset || (dataset.nodeCode !== this.config.node.code && !dataset.origin) || dataset.status !== 'open') {
      throw GovdataError.notFound('open dataset', datasetId);
    }
    if (dataset.origin) throw servedByOrigin(dataset, 'id', { zh: '纠错', en: 'report errors' });
    const resources = await this.datasets.resources(this.dataSource.manager, [dataset.id]);
    const resource = input.resourceId ? resources.find((r) => r.id === input.resourceId) : undefined;
    if (input.resourceId && !resource) {
      throw GovdataError.validation([
        {
          path: 'resourceId',
          rule: 'resource-of-dataset',
          message: '不是该数据集的资源 (not a resource of the dataset)',
        },
      ]);
    }
    if (input.item) {
      const items = new Set((resource ? [resource] : resources).flatMap((r) => publishedColumns(r).map((c) => c.item)));
      if (!items.has(input.item)) {
        throw GovdataError.validation([
          {
            path: 'item',
            rule: 'item-of-dataset',
            message: `“${input.item}” 不是该数据集开放的信息项 (not a published item of the dataset)`,
          },
        ]);
      }
    }
    await this.admit(account, 'errorReports');
    const { due, dueProvisional } = this.clock.dueIn(FEEDBACK_WORKING_DAYS);
    return this.dataSource.transaction(async (manager) => {
      const report = await this.feedback.insertReport(manager, {
        id: randomUUID(),
        datasetId: dataset.id,
        organisationId: dataset.organisationId,
        accountId: account.id,
        resourceId: resource?.id ?? null,
        item: input.item ?? null,
        rowHint: input.rowHint ?? null,
        description: input.description,
        due,
        dueProvisional,
      });
      await this.announce(manager, 'submitted', report, dataset);
      return report;
    });
  }

  async answerReport(
    principal: Principal,
    id: string,
    input: { outcome: ErrorReportOutcome; answer: string },
  ): Promise<ErrorReportRecord> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.feedback.findReport(manager, id, true);
      if (!report || !this.may(principal, 'open-data.error-report.read', report.organisationId)) {
        throw GovdataError.notFound('error report', id);
      }
      if (!this.may(principal, 'open-data.error-report.answer', report.organisationId)) {
        throw GovdataError.forbidden(
          '只有数据提供部门可以答复纠错 (only the providing department answers an error report)',
        );
      }
      if (report.status !== 'open') throw answeredAlready('纠错');
      const answered = await this.feedback.answerReport(manager, id, {
        ...input,
        by: principal.name ?? principal.subject,
      });
      await this.announce(manager, 'answered', answered);
      return answered;
    });
  }

  /** A report the staff member may see (404 otherwise). */
  async visibleReport(principal: Principal, id: string): Promise<ErrorReportRecord> {
    const report = await this.feedback.findReport(this.dataSource.manager, id);
    if (!report || !this.may(principal, 'open-data.error-report.read', report.organisationId)) {
      throw GovdataError.notFound('error report', id);
    }
    return report;
  }

  /** Node-wide, or for the principal's own organisation only. */
  nodeWide(principal: Principal, permission: Permission): boolean {
    return scopeOf(principal, permission, { nodeCode: this.config.node.code }) === 'node';
  }

  today(): string {
    return this.clock.today();
  }

  private may(principal: Principal, permission: Permission, organisationId: string | null): boolean {
    return scopeOf(principal, permission, { nodeCode: this.config.node.code, organisationId }) !== null;
  }

  /** A department that provides data on this node (its name as its datasets give it). */
  private async department(organisationId: string, path: string): Promise<{ id: string; name: string }> {
    const name = await this.feedback.departmentName(this.dataSource.manager, this.config.node.code, organisationId);
    if (!name) {
      throw GovdataError.validation([
        {
          path,
          rule: 'department',
          message: '须为在本节点提供数据的部门 (a department that provides data on this node)',
        },
      ]);
    }
    return { id: organisationId, name };
  }

  private async admit(account: OpenAccount, what: keyof typeof FEEDBACK_LIMITS): Promise<void> {
    const { limit, windowSeconds } = FEEDBACK_LIMITS[what];
    const decision = await this.limiter.hit(`open-data:${what}:account:${account.id}`, limit, windowSeconds);
    if (decision.allowed) return;
    const label = what === 'demands' ? '数据需求' : '纠错';
    throw new GovdataError(
      ErrorCode.TooManyRequests,
      `每个账号每天最多提交 ${limit} 条${label}，请 ${decision.retryAfterSeconds} 秒后再试 (at most ${limit} a day per account)`,
      [],
      { retryAfterSeconds: Math.max(1, decision.retryAfterSeconds) },
    );
  }

  private async announce(
    manager: EntityManager,
    action: OpenErrorReportEventV1['action'],
    r: ErrorReportRecord,
    dataset?: DatasetRecord,
  ): Promise<void> {
    const name = dataset?.name ?? (await this.datasets.findById(manager, r.datasetId))?.name ?? r.datasetId;
    const data: OpenErrorReportEventV1 = {
      action,
      at: new Date().toISOString(),
      report: {
        id: r.id,
        nodeCode: this.config.node.code,
        datasetId: r.datasetId,
        datasetName: name,
        organisationId: r.organisationId,
        resourceId: r.resourceId,
        item: r.item,
        rowHint: r.rowHint,
        description: r.description,
        status: r.status,
        due: r.due,
        submittedAt: r.submittedAt,
        answer: r.answer,
        answeredAt: r.answeredAt,
      },
    };
    await this.publisher.publish(manager, { type: 'open-data.error-report.v1', subject: r.id, data });
  }
}

function answeredAlready(what: string): GovdataError {
  return new GovdataError(ErrorCode.Conflict, `该${what}已答复 (it has been answered already)`, [], {
    reason: 'answered',
  });
}

function requiredFor(path: string, message: string): GovdataError {
  return GovdataError.validation([{ path, rule: 'required', message }]);
}
