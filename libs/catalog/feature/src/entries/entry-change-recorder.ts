import { Injectable } from '@nestjs/common';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { EventPublisher } from '@govdata/platform-messaging';
import type { EntityManager } from 'typeorm';
import { OrganisationRefRepository } from '../organisation-directory/organisation-ref.repository.js';
import { EntryHooks } from './entry-hooks.js';
import type { EntryAction, VersionState } from './entry-lifecycle.js';
import { EntryRepository } from './entry.repository.js';
import type { EntryRecord, EntryView, FieldReason } from './entry.types.js';
import { toView } from './entry-view.js';

/** One change to record: the action taken on a version, between which states, and why. */
export interface RecordedChange {
  action: EntryAction;
  version: number;
  from: VersionState | null;
  to: VersionState;
  reason?: string;
  fieldReasons?: FieldReason[];
}

/**
 * The end of every entry write, in its transaction: records the transition, runs the entry hooks
 * and writes the `catalog.entry.v1` event to the outbox.
 */
@Injectable()
export class EntryChangeRecorder {
  constructor(
    private readonly entries: EntryRepository,
    private readonly organisations: OrganisationRefRepository,
    private readonly hooks: EntryHooks,
    private readonly publisher: EventPublisher,
  ) {}

  /** Records the change of `entry` (as it is now); returns the entry as the caller now sees it. */
  async record(
    manager: EntityManager,
    principal: Principal,
    entry: EntryRecord,
    change: RecordedChange,
  ): Promise<EntryView> {
    const { action, version, from, to } = change;
    const transition = await this.entries.insertTransition(manager, {
      entryId: entry.id,
      version,
      action,
      fromState: from,
      toState: to,
      actor: { subject: principal.subject, name: principal.name ?? null, organisationId: principal.organisationId },
      reason: change.reason ?? null,
      fieldReasons: change.fieldReasons ?? null,
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
      ...(change.reason ? { reason: change.reason } : {}),
      ...(change.fieldReasons ? { fieldReasons: change.fieldReasons } : {}),
      at: transition.at.toISOString(),
    };
    await this.publisher.publish(manager, { type: 'catalog.entry.v1', subject: entry.id, data });
    return view;
  }

  /** The API view of one version of an entry. */
  async view(manager: EntityManager, entry: EntryRecord, version: number): Promise<EntryView> {
    const record = await this.entries.findVersion(manager, entry.id, version);
    if (!record) throw GovdataError.notFound(`version ${version} of entry`, entry.code);
    const provider = await this.organisations.find(manager, entry.organisationId);
    return toView(entry, record, provider);
  }
}
