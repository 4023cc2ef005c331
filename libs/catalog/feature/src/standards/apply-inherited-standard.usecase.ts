import { Inject, Injectable } from '@nestjs/common';
import type { InheritedStandardEventV1, StandardBodies } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import {
  classificationContent,
  ClassificationRepository,
  type ClassificationContent,
} from '../classification/classification.repository.js';
import { GradePolicyRepository, type GradeKey } from '../classification/grade-policy.repository.js';
import { CalendarYearRepository } from '../clocks/calendar-year.repository.js';
import { CatalogCalendarService } from '../clocks/catalog-calendar.service.js';
import { DeadlineClockService } from '../clocks/deadline-clock.service.js';
import { ReviewCampaignService } from '../clocks/review-campaign.service.js';
import { dataElementContent, DataElementRepository } from './data-element.repository.js';
import { StandardsRepository, type NewConflict, type StoredStandard } from './standards.repository.js';
import { InheritedConflictRule } from './standard.exception.js';

/** What applying an inherited standard did here (kept in `inherited_standard.outcome`). */
export type InheritedOutcome =
  'applied' | 'withdrawn' | 'waiting-for-parent' | 'official-data' | 'kept-local' | 'rejected' | 'nothing-to-withdraw';

/**
 * 标准下行 — the `federation.standard.v1` handler applies the standards and directives of ancestor nodes:
 * inherited codes, data elements and calendar years are read-only here and take the place of a local
 * one of the same key; an inherited grade rule is a ceiling the node's own rule is narrowed to; an
 * annual re-review directive opens the node's campaign. What this overrides is recorded as a conflict.
 * Only a version higher than the one kept from the same origin changes anything.
 */
@Injectable()
export class ApplyInheritedStandardUseCase {
  constructor(
    private readonly standards: StandardsRepository,
    private readonly classifications: ClassificationRepository,
    private readonly elements: DataElementRepository,
    private readonly policy: GradePolicyRepository,
    private readonly years: CalendarYearRepository,
    private readonly calendars: CatalogCalendarService,
    private readonly clocks: DeadlineClockService,
    private readonly campaigns: ReviewCampaignService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  /** Applies the event when it is for this node and newer than what it has; the outcome, or null when ignored. */
  async execute(manager: EntityManager, event: InheritedStandardEventV1): Promise<InheritedOutcome | null> {
    const { standard } = event;
    if (event.path[event.path.length - 1] !== this.nodeCode || standard.origin === this.nodeCode) {
      this.logger.warn(
        { origin: standard.origin, kind: standard.kind, key: standard.key, path: event.path },
        'inherited standard not addressed to this node ignored',
      );
      return null;
    }
    const stored = await this.standards.receiveIfNewer(manager, event);
    if (!stored) {
      this.logger.debug(
        { origin: standard.origin, kind: standard.kind, key: standard.key, version: standard.version },
        'inherited standard not newer than the one kept; unchanged',
      );
      return null;
    }
    const outcome = await this.apply(manager, stored);
    await this.standards.setOutcome(manager, standard, outcome);
    this.logger.info(
      { origin: standard.origin, kind: standard.kind, key: standard.key, version: standard.version, outcome },
      'inherited standard applied',
    );
    return outcome;
  }

  private apply(manager: EntityManager, s: StoredStandard): Promise<InheritedOutcome> {
    switch (s.kind) {
      case 'classification':
        return this.classification(manager, s, s.body as StandardBodies['classification']);
      case 'data-element':
        return this.dataElement(manager, s, s.body as StandardBodies['data-element']);
      case 'grade-policy':
        return this.gradePolicy(manager, s, s.body as StandardBodies['grade-policy']);
      case 'calendar-year':
        return this.calendarYear(manager, s, s.body as StandardBodies['calendar-year']);
      case 'directive':
        return this.directive(manager, s, s.body as StandardBodies['directive']);
    }
  }

  private async classification(
    manager: EntityManager,
    s: StoredStandard,
    body: ClassificationContent,
  ): Promise<InheritedOutcome> {
    const existing = await this.classifications.find(manager, body.code);
    if (s.action === 'remove') {
      // Only what the origin (or the national standard shipped with the platform) gave is withdrawn.
      const fromOrigin =
        existing &&
        (existing.inheritedFrom === s.origin || (existing.origin === 'national' && existing.inheritedFrom === null));
      if (!fromOrigin) return 'nothing-to-withdraw';
      await this.classifications.withdraw(manager, body.code);
      return 'withdrawn';
    }
    if (body.parentCode !== null && !(await this.classifications.find(manager, body.parentCode))) {
      // Its parent code has not arrived yet; applied when it does.
      return 'waiting-for-parent';
    }
    if (
      existing &&
      existing.inheritedFrom !== s.origin &&
      !sameContent(classificationContent(existing), classificationContent(body))
    ) {
      await this.conflict(manager, s, {
        rule: InheritedConflictRule.LocalReplaced,
        resolution: 'replaced-local',
        message: `classification ${body.code} here (${existing.origin === 'inherited' ? `from node ${existing.inheritedFrom}` : existing.origin}) differed from node ${s.origin}'s; the inherited one applies`,
        local: classificationContent(existing),
      });
    }
    await this.classifications.upsertInherited(manager, classificationContent(body), s.origin);
    for (const child of await this.standards.waitingForParent(manager, body.code)) {
      await this.standards.setOutcome(manager, child, await this.apply(manager, child));
    }
    return 'applied';
  }

  private async dataElement(
    manager: EntityManager,
    s: StoredStandard,
    body: StandardBodies['data-element'],
  ): Promise<InheritedOutcome> {
    if (s.action === 'remove') {
      return (await this.elements.remove(manager, body.identifier, s.origin)) ? 'withdrawn' : 'nothing-to-withdraw';
    }
    const existing = await this.elements.find(manager, body.identifier, true);
    if (
      existing &&
      existing.inheritedFrom !== s.origin &&
      !sameContent(dataElementContent(existing), dataElementContent(body))
    ) {
      await this.conflict(manager, s, {
        rule: InheritedConflictRule.LocalReplaced,
        resolution: 'replaced-local',
        message: `data element ${body.identifier} here differed from node ${s.origin}'s; the inherited one applies`,
        local: dataElementContent(existing),
      });
    }
    await this.elements.upsertInherited(manager, dataElementContent(body), s.origin);
    return 'applied';
  }

  /** The inherited rule is a ceiling: the node's own rule keeps only what every ceiling allows. */
  private async gradePolicy(
    manager: EntityManager,
    s: StoredStandard,
    body: StandardBodies['grade-policy'],
  ): Promise<InheritedOutcome> {
    if (s.action === 'remove') return 'withdrawn';
    const grade = body.grade as GradeKey;
    const own = await this.policy.find(manager, grade);
    if (!own) return 'applied';
    const narrow = (mine: readonly string[], allowed: readonly string[]) => {
      const kept = mine.filter((t) => allowed.includes(t));
      return kept.length > 0 ? kept : [...allowed];
    };
    const sharingTypes = narrow(own.sharingTypes, body.sharingTypes) as typeof own.sharingTypes;
    const openTypes = narrow(own.openTypes, body.openTypes) as typeof own.openTypes;
    if (
      sharingTypes.length !== own.sharingTypes.length ||
      openTypes.length !== own.openTypes.length ||
      !sharingTypes.every((t) => own.sharingTypes.includes(t)) ||
      !openTypes.every((t) => own.openTypes.includes(t))
    ) {
      await this.conflict(manager, s, {
        rule: InheritedConflictRule.ContradictsInherited,
        resolution: 'narrowed-local',
        message: `the node's ${grade} rule allowed more than node ${s.origin} does; narrowed to sharing ${sharingTypes.join(', ')}, opening ${openTypes.join(', ')}`,
        local: { grade, ...own },
      });
      await this.policy.replace(manager, [{ grade, sharingTypes, openTypes }], `node:${s.origin}`);
    }
    return 'applied';
  }

  private async calendarYear(
    manager: EntityManager,
    s: StoredStandard,
    body: StandardBodies['calendar-year'],
  ): Promise<InheritedOutcome> {
    if (s.action === 'remove') {
      await this.years.release(manager, body.year, s.origin);
      return 'withdrawn';
    }
    // The platform's shipped data already covers the year; it is never replaced.
    if (this.calendars.coveredOfficially(body.year)) return 'official-data';
    const existing = await this.years.find(manager, body.year);
    const result = await this.clocks.loadInheritedCalendarYear(manager, this.nodeCode, s.origin, body);
    if ('problems' in result) {
      await this.conflict(manager, s, {
        rule: InheritedConflictRule.InvalidCalendar,
        resolution: 'not-applied',
        message: `node ${s.origin}'s ${body.year} notice was not loaded: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        local: existing ? noticeOf(existing) : null,
      });
      return 'rejected';
    }
    if (existing && existing.inheritedFrom !== s.origin && !sameContent(noticeOf(existing), noticeOf(body))) {
      await this.conflict(manager, s, {
        rule: InheritedConflictRule.LocalReplaced,
        resolution: 'replaced-local',
        message: `the ${body.year} notice loaded here differed from node ${s.origin}'s; the inherited one applies`,
        local: noticeOf(existing),
      });
    }
    this.logger.info(
      { year: body.year, origin: s.origin, clocksDated: result.clocksDated, closingsSettled: result.closingsSettled },
      'inherited calendar year loaded',
    );
    return 'applied';
  }

  private async directive(
    manager: EntityManager,
    s: StoredStandard,
    body: StandardBodies['directive'],
  ): Promise<InheritedOutcome> {
    if (s.action === 'remove') return 'withdrawn';
    const { campaign, opened } = await this.campaigns.openByDirective(manager, this.nodeCode, {
      origin: s.origin,
      key: s.key,
      year: body.year,
      startedOn: body.startedOn,
      workingDays: body.workingDays,
      title: body.title,
    });
    if (opened) return 'applied';
    if (campaign.directive?.origin === s.origin && campaign.directive.key === s.key) return 'applied';
    await this.conflict(manager, s, {
      rule: InheritedConflictRule.CampaignAlreadyOpened,
      resolution: 'kept-local',
      message: `node ${this.nodeCode} already has its ${body.year} re-review campaign (opened ${campaign.openedAt} by ${campaign.openedBy}); it is kept`,
      local: {
        id: campaign.id,
        year: campaign.year,
        startedOn: campaign.startedOn,
        workingDays: campaign.workingDays,
        openedBy: campaign.openedBy,
      },
    });
    return 'kept-local';
  }

  private conflict(
    manager: EntityManager,
    s: StoredStandard,
    c: Pick<NewConflict, 'rule' | 'resolution' | 'message' | 'local'>,
  ): Promise<void> {
    this.logger.warn({ origin: s.origin, kind: s.kind, key: s.key, rule: c.rule }, c.message);
    return this.standards.recordConflict(manager, {
      origin: s.origin,
      kind: s.kind,
      key: s.key,
      version: s.version,
      inherited: s.body,
      ...c,
    });
  }
}

function noticeOf(y: { year: number; notice: string; holidays: string[]; workdays: string[] }) {
  return {
    year: y.year,
    notice: y.notice,
    holidays: [...new Set(y.holidays)].sort(),
    workdays: [...new Set(y.workdays)].sort(),
  };
}

function sameContent(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
