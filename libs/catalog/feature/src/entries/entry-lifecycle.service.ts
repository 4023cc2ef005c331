import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { checkUscc, regionCodeProblem } from '@govdata/codes';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { EventPublisher } from '@govdata/platform-messaging';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ClassificationRepository } from '../classification/classification.repository.js';
import { gradeKey, GradePolicyRepository } from '../classification/grade-policy.repository.js';
import {
  OrganisationRefRepository,
  type OrganisationRef,
} from '../organisation-directory/organisation-ref.repository.js';
import { assignEntryCode } from './entry-code.js';
import { entryContentSchema, type EntryContent } from './entry-content.js';
import { EntryHooks } from './entry-hooks.js';
import {
  assertMayCreate,
  entryStatus,
  planTransition,
  type EntryAction,
  type VersionState,
} from './entry-lifecycle.js';
import { EntryRepository } from './entry.repository.js';
import type { EntryRecord, EntryView, FieldReason, VersionRecord } from './entry.types.js';
import { isRestricted } from './entry-visibility.js';

const createEntrySchema = z
  .object({
    /** The providing organisation; defaults to the caller's. */
    organisationId: z.uuid().optional(),
    content: z.unknown(),
  })
  .strict();

const updateEntrySchema = z.object({ content: z.unknown() }).strict();

const transitionSchema = z
  .object({
    reason: z.string().trim().max(2000).optional(),
    /** 退回原因 per field — required to return an entry. */
    fieldReasons: z
      .array(
        z.object({ field: z.string().trim().min(1).max(200), reason: z.string().trim().min(1).max(2000) }).strict(),
      )
      .max(200)
      .optional(),
  })
  .strict();

/** Lifecycle actions taken through `transition` (creation and editing have their own methods). */
export type TransitionAction = Exclude<EntryAction, 'create' | 'update'>;

export interface WriteResult {
  entry: EntryView;
  /** Accepted, but worth a look (e.g. a provider code whose check digit does not match). */
  warnings: FieldProblem[];
}

/**
 * Every write to a catalog entry: creation with its code, edits of the head version, and the
 * lifecycle transitions with their role rules. Each runs in the caller's transaction and records the
 * transition, runs the entry hooks and writes the `catalog.entry.v1` event to the outbox.
 */
@Injectable()
export class EntryLifecycleService {
  constructor(
    private readonly entries: EntryRepository,
    private readonly organisations: OrganisationRefRepository,
    private readonly hooks: EntryHooks,
    private readonly gradePolicy: GradePolicyRepository,
    private readonly classifications: ClassificationRepository,
    private readonly publisher: EventPublisher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  async create(manager: EntityManager, principal: Principal, body: unknown): Promise<WriteResult> {
    const input = parseInput(createEntrySchema, body);
    const content = parseInput(entryContentSchema, input.content, 'content');
    const organisationId = input.organisationId ?? principal.organisationId;
    assertMayCreate(principal, { nodeCode: this.nodeCode, organisationId });
    const provider = await this.provider(manager, organisationId);
    await this.checkReferences(manager, content, true);

    const id = randomUUID();
    const code = await assignEntryCode(manager, this.nodeCode, content.classificationCode, id);
    await this.entries.insertEntry(manager, {
      id,
      code,
      nodeCode: this.nodeCode,
      organisationId,
      createdBy: principal.subject,
      content,
    });
    const entry = await this.record(manager, id);
    const view = await this.recordChange(manager, principal, entry, 'create', 1, null, 'draft', {});
    return { entry: view, warnings: providerWarnings(provider) };
  }

  /** Replaces the content of the head version while it is a draft or returned. */
  async update(manager: EntityManager, principal: Principal, idOrCode: string, body: unknown): Promise<WriteResult> {
    const input = parseInput(updateEntrySchema, body);
    const content = parseInput(entryContentSchema, input.content, 'content');
    let entry = await this.lockVisible(manager, idOrCode);
    const plan = planTransition('update', transitionState(entry), principal, entry, undefined);
    const current = (await this.entries.findVersion(manager, entry.id, entry.headVersion))!;
    await this.checkReferences(manager, content, content.classificationCode !== current.content.classificationCode);
    if (content.classificationCode !== current.content.classificationCode) {
      await this.reclassify(manager, entry, content.classificationCode);
    }
    await this.entries.replaceContent(manager, entry.id, entry.headVersion, content);
    if (plan.to !== plan.from) {
      await this.entries.setVersionState(manager, entry.id, entry.headVersion, plan.to);
      await this.entries.setHead(manager, entry.id, { version: entry.headVersion, state: plan.to });
    }
    entry = await this.record(manager, entry.id);
    const view = await this.recordChange(
      manager,
      principal,
      entry,
      'update',
      entry.headVersion,
      plan.from,
      plan.to,
      {},
    );
    const provider = await this.provider(manager, entry.organisationId);
    return { entry: view, warnings: providerWarnings(provider) };
  }

  async transition(
    manager: EntityManager,
    principal: Principal,
    idOrCode: string,
    action: TransitionAction,
    body: unknown,
  ): Promise<WriteResult> {
    const input = parseInput(transitionSchema, body ?? {});
    let entry = await this.lockVisible(manager, idOrCode);
    const plan = planTransition(
      action,
      transitionState(entry),
      principal,
      entry,
      input.reason ?? firstReason(input.fieldReasons),
    );
    let version = entry.headVersion;
    let to: VersionState = plan.to;

    switch (action) {
      case 'return': {
        if (!input.fieldReasons?.length) {
          throw GovdataError.rule(
            'fieldReasons',
            'required',
            'name at least one field and why it is returned (退回原因)',
          );
        }
        input.fieldReasons.forEach((r, i) => {
          const root = r.field.split(/[.[]/)[0]!;
          if (!(root in entryContentSchema.shape)) {
            throw GovdataError.rule(
              `fieldReasons[${i}].field`,
              'content-field',
              `${r.field} is not a field of an entry`,
            );
          }
        });
        await this.entries.setVersionState(manager, entry.id, version, 'returned', input.fieldReasons);
        break;
      }
      case 'submit': {
        const head = (await this.entries.findVersion(manager, entry.id, version))!;
        await this.checkReferences(manager, head.content, false);
        await this.entries.setVersionState(manager, entry.id, version, 'submitted');
        break;
      }
      case 'publish': {
        if (entry.publishedVersion !== null) {
          await this.entries.setVersionState(manager, entry.id, entry.publishedVersion, 'superseded');
        }
        await this.entries.setVersionState(manager, entry.id, version, 'published');
        await this.entries.setHead(manager, entry.id, { version, state: 'published', publishedVersion: version });
        break;
      }
      case 'revise': {
        const published = (await this.entries.findVersion(manager, entry.id, entry.publishedVersion!))!;
        version = entry.headVersion + 1;
        await this.entries.insertVersion(manager, entry.id, version, published.content, principal.subject);
        to = 'draft';
        break;
      }
      case 'retire':
        await this.entries.setHead(manager, entry.id, { version, state: entry.headState, retired: true });
        await manager.query('UPDATE assigned_code SET released_at = now() WHERE code = $1', [entry.code]);
        break;
      default:
        await this.entries.setVersionState(manager, entry.id, version, to);
    }
    if (action !== 'publish' && action !== 'retire') {
      await this.entries.setHead(manager, entry.id, { version, state: to });
    }
    entry = await this.record(manager, entry.id);
    const view = await this.recordChange(
      manager,
      principal,
      entry,
      action,
      version,
      action === 'revise' ? null : plan.from,
      to,
      {
        reason: input.reason,
        fieldReasons: input.fieldReasons,
      },
    );
    return { entry: view, warnings: [] };
  }

  /** The API view of one version of an entry. */
  async view(manager: EntityManager, entry: EntryRecord, version: number): Promise<EntryView> {
    const record = await this.entries.findVersion(manager, entry.id, version);
    if (!record) throw GovdataError.notFound(`version ${version} of entry`, entry.code);
    const provider = await this.organisations.find(manager, entry.organisationId);
    return toView(entry, record, provider);
  }

  private async lockVisible(manager: EntityManager, idOrCode: string): Promise<EntryRecord> {
    const entry = await this.entries.lock(manager, this.nodeCode, idOrCode);
    if (!entry) throw GovdataError.notFound('catalog entry', idOrCode);
    return entry;
  }

  private async record(manager: EntityManager, id: string): Promise<EntryRecord> {
    return (await this.entries.find(manager, this.nodeCode, id))!;
  }

  private async provider(manager: EntityManager, organisationId: string): Promise<OrganisationRef> {
    const provider = await this.organisations.find(manager, organisationId);
    if (!provider || !provider.active || provider.nodeCode !== this.nodeCode) {
      throw GovdataError.rule(
        'organisationId',
        'known-organisation',
        `organisation ${organisationId} is not an active organisation of node ${this.nodeCode}`,
      );
    }
    return provider;
  }

  /** Rules that need the database: the classification exists, the region is a real division, the grade allows the sharing and opening. */
  private async checkReferences(
    manager: EntityManager,
    content: EntryContent,
    newClassification: boolean,
  ): Promise<void> {
    const classification = await this.classifications.find(manager, content.classificationCode);
    if (!classification) {
      throw GovdataError.rule(
        'content.classificationCode',
        'known-classification',
        `${content.classificationCode} is not in the node's classification code table (GET /api/v1/catalog/classifications)`,
      );
    }
    // Entries already filed under a withdrawn code keep it; none is newly filed under it.
    if (newClassification && classification.withdrawnAt) {
      throw GovdataError.rule(
        'content.classificationCode',
        'withdrawn-classification',
        `${content.classificationCode} was withdrawn${classification.inheritedFrom ? ` by node ${classification.inheritedFrom}` : ''} (${classification.withdrawnAt}); choose a code in force`,
      );
    }
    const regionProblem = regionCodeProblem(content.regionCode);
    if (regionProblem) throw GovdataError.rule('content.regionCode', 'gb-t-2260', regionProblem);
    const grade = gradeKey(content.grade);
    // The effective policy: the node's own rule within the rules its ancestors issued.
    const policy = await this.gradePolicy.effective(manager, grade);
    if (policy && !policy.sharingTypes.includes(content.sharing.type)) {
      throw GovdataError.rule(
        'content.sharing.type',
        'grade-policy',
        `the node's effective policy allows ${policy.sharingTypes.join(', ') || 'no'} sharing for ${grade} data (GET /api/v1/catalog/settings/grade-policy)`,
      );
    }
    if (policy && !policy.openTypes.includes(content.open.type)) {
      throw GovdataError.rule(
        'content.open.type',
        'grade-policy',
        `the node's effective policy allows opening ${policy.openTypes.join(', ') || 'none'} for ${grade} data (GET /api/v1/catalog/settings/grade-policy)`,
      );
    }
  }

  /** A draft never published takes a new code when its classification changes; the old one is released, never reused. */
  private async reclassify(manager: EntityManager, entry: EntryRecord, classificationCode: string): Promise<void> {
    if (entry.publishedVersion !== null) {
      throw GovdataError.rule(
        'content.classificationCode',
        'fixed-after-publication',
        'a published entry keeps its classification and code; retire it and register a new entry instead',
      );
    }
    const code = await assignEntryCode(manager, this.nodeCode, classificationCode, entry.id);
    await manager.query('UPDATE assigned_code SET released_at = now() WHERE code = $1', [entry.code]);
    await manager.query('UPDATE catalog_entry SET code = $2 WHERE id = $1', [entry.id, code]);
  }

  /** Records the transition, runs the hooks, writes the event; returns the entry as the caller now sees it. */
  private async recordChange(
    manager: EntityManager,
    principal: Principal,
    entry: EntryRecord,
    action: EntryAction,
    version: number,
    from: VersionState | null,
    to: VersionState,
    why: { reason?: string; fieldReasons?: FieldReason[] },
  ): Promise<EntryView> {
    const transition = await this.entries.insertTransition(manager, {
      entryId: entry.id,
      version,
      action,
      fromState: from,
      toState: to,
      actor: { subject: principal.subject, name: principal.name ?? null, organisationId: principal.organisationId },
      reason: why.reason ?? null,
      fieldReasons: why.fieldReasons ?? null,
    });
    await this.hooks.run(manager, {
      entryId: entry.id,
      code: entry.code,
      nodeCode: entry.nodeCode,
      organisationId: entry.organisationId,
      action,
      version,
      from,
      to,
      retired: entry.retiredAt !== null,
      actor: principal,
      at: transition.at,
    });
    const view = await this.view(manager, entry, version);
    const data: CatalogEntryEventV1 = {
      action,
      sequence: transition.seq,
      entry: {
        id: entry.id,
        code: entry.code,
        nodeCode: entry.nodeCode,
        organisationId: entry.organisationId,
        provider: { name: view.provider.name, code: view.provider.code },
        status: view.status,
        headVersion: entry.headVersion,
        headState: entry.headState as CatalogEntryEventV1['entry']['headState'],
        publishedVersion: entry.publishedVersion,
        authoritativeEntryId: entry.authoritativeEntryId,
      },
      version: {
        number: version,
        state: view.versionState,
        publishDate: view.publishDate,
        content: view.content as unknown as Record<string, unknown>,
      },
      actor: {
        subject: principal.subject,
        organisationId: principal.organisationId,
        ...(principal.name ? { name: principal.name } : {}),
      },
      ...(why.reason ? { reason: why.reason } : {}),
      ...(why.fieldReasons ? { fieldReasons: why.fieldReasons } : {}),
      at: transition.at.toISOString(),
    };
    await this.publisher.publish(manager, { type: 'catalog.entry.v1', subject: entry.id, data });
    return view;
  }
}

function transitionState(entry: EntryRecord): { head: VersionState; retired: boolean; pendingRevision: boolean } {
  return {
    head: entry.headState,
    retired: entry.retiredAt !== null,
    pendingRevision: entry.publishedVersion !== null && entry.headVersion !== entry.publishedVersion,
  };
}

function firstReason(reasons: FieldReason[] | undefined): string | undefined {
  return reasons?.[0]?.reason;
}

/** 提供方代码: an early code whose check digit does not match is accepted with a warning (GB 32100). */
function providerWarnings(provider: OrganisationRef): FieldProblem[] {
  const check = checkUscc(provider.uscc);
  if (check.wellFormed && !check.checkDigitValid) {
    return [
      {
        path: 'provider.code',
        rule: 'check-digit',
        message: `the provider's unified social credit code ${provider.uscc} fails the GB 32100 check digit (expected ${check.expectedCheckDigit}); accepted, please verify it`,
      },
    ];
  }
  return [];
}

export function toView(entry: EntryRecord, version: VersionRecord, provider: OrganisationRef | null): EntryView {
  return {
    id: entry.id,
    code: entry.code,
    nodeCode: entry.nodeCode,
    status: entryStatus(entry.headState, entry.publishedVersion, entry.retiredAt !== null),
    provider: {
      organisationId: entry.organisationId,
      name: provider?.name ?? '',
      code: provider?.uscc ?? '',
    },
    version: version.version,
    versionState: version.state,
    headVersion: entry.headVersion,
    headState: entry.headState,
    publishedVersion: entry.publishedVersion,
    publishDate: version.publishDate,
    content: version.content,
    returnReasons: version.returnReasons,
    authoritativeEntryId: entry.authoritativeEntryId,
    restricted: isRestricted(version.content),
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    retiredAt: entry.retiredAt?.toISOString() ?? null,
  };
}
