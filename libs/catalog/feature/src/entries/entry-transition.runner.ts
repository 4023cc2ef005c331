import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { EntryChangeRecorder } from './entry-change-recorder.js';
import { EntryContentChecks } from './entry-content-checks.js';
import type { EntryContent } from './entry-content.js';
import {
  planTransition,
  type LifecycleEffect,
  type LifecycleRow,
  type LifecycleState,
  type LifecycleVerb,
} from './entry-lifecycle.js';
import { EntryRepository } from './entry.repository.js';
import type { EntryRecord, EntryView, FieldReason } from './entry.types.js';

/** What a write brings to a transition: the reasons, or the new content of an `update`. */
export interface TransitionInput {
  reason?: string;
  fieldReasons?: FieldReason[];
  content?: EntryContent;
}

/** What an entry write answers with. */
export interface WriteResult {
  entry: EntryView;
  /** Accepted, but worth a look (e.g. a provider code whose check digit does not match). */
  warnings: FieldProblem[];
}

/**
 * Takes one verb of the lifecycle table (entry-lifecycle.ts) on an entry, in the caller's
 * transaction: locks the entry, asks the table for the row, executes the row's effects in order,
 * then records the change (transition, hooks, event). It decides nothing the table does not say.
 */
@Injectable()
export class EntryTransitionRunner {
  constructor(
    private readonly entries: EntryRepository,
    private readonly checks: EntryContentChecks,
    private readonly recorder: EntryChangeRecorder,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async take(
    manager: EntityManager,
    principal: Principal,
    idOrCode: string,
    verb: LifecycleVerb,
    input: TransitionInput,
  ): Promise<EntryView> {
    const locked = await this.entries.lock(manager, this.config.node.code, idOrCode);
    if (!locked) throw GovdataError.notFound('catalog entry', idOrCode);
    const row = planTransition(verb, lifecycleStateOf(locked), principal, locked, input);
    let version = locked.headVersion;
    for (const effect of row.effects) {
      version = await this.execute(manager, principal, locked, row, effect, version, input);
    }
    const entry = (await this.entries.find(manager, this.config.node.code, locked.id))!;
    return this.recorder.record(manager, principal, entry, {
      action: verb,
      version,
      // A new version starts here: it was in no state before.
      from: row.effects.includes('copy-published-version') ? null : row.from,
      to: row.to,
      reason: input.reason,
      fieldReasons: input.fieldReasons,
    });
  }

  /** Executes one effect on the entry as it was locked; returns the version the transition is about. */
  private async execute(
    manager: EntityManager,
    principal: Principal,
    entry: EntryRecord,
    row: LifecycleRow,
    effect: LifecycleEffect,
    version: number,
    input: TransitionInput,
  ): Promise<number> {
    switch (effect) {
      case 'replace-content': {
        const content = input.content!;
        const current = (await this.entries.findVersion(manager, entry.id, version))!;
        const reclassified = content.classificationCode !== current.content.classificationCode;
        await this.checks.checkReferences(manager, content, reclassified);
        if (reclassified) await this.checks.reclassify(manager, entry, content.classificationCode);
        await this.entries.replaceContent(manager, entry.id, version, content);
        return version;
      }
      case 'check-references': {
        const head = (await this.entries.findVersion(manager, entry.id, version))!;
        await this.checks.checkReferences(manager, head.content, false);
        return version;
      }
      case 'copy-published-version': {
        const published = (await this.entries.findVersion(manager, entry.id, entry.publishedVersion!))!;
        const next = entry.headVersion + 1;
        await this.entries.insertVersion(manager, entry.id, next, published.content, principal.subject);
        return next;
      }
      case 'supersede-published':
        if (entry.publishedVersion !== null) {
          await this.entries.setVersionState(manager, entry.id, entry.publishedVersion, 'superseded');
        }
        return version;
      case 'set-version-state':
        // A return stores its field reasons with the state; no other verb touches them.
        if (row.guards.includes('field-reasons')) {
          await this.entries.setVersionState(manager, entry.id, version, row.to, input.fieldReasons);
        } else {
          await this.entries.setVersionState(manager, entry.id, version, row.to);
        }
        return version;
      case 'publish-head':
        await this.entries.setHead(manager, entry.id, { version, state: row.to, publishedVersion: version });
        return version;
      case 'move-head':
        await this.entries.setHead(manager, entry.id, { version, state: row.to });
        return version;
      case 'mark-retired':
        await this.entries.setHead(manager, entry.id, { version, state: entry.headState, retired: true });
        return version;
      case 'release-code':
        await this.entries.releaseCode(manager, entry.code);
        return version;
    }
  }
}

/** The facts of an entry the lifecycle table needs. */
export function lifecycleStateOf(entry: EntryRecord): LifecycleState {
  return {
    head: entry.headState,
    retired: entry.retiredAt !== null,
    pendingRevision: entry.publishedVersion !== null && entry.headVersion !== entry.publishedVersion,
  };
}
