import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EntryChange, EntryWriteHook } from '../entries/entry-hooks.js';
import type { EntryContent } from '../entries/entry-content.js';
import {
  entryItemKeys,
  judgeSharedItems,
  MIN_SHARED_ITEMS,
  NAME_SIMILARITY_THRESHOLD,
  sharedItems,
} from './item-overlap.js';
import type { ConflictReason } from './source-conflict.js';
import { SourceConflictRepository } from './source-conflict.repository.js';
import { SourceFingerprintRepository, type Fingerprint } from './source-fingerprint.repository.js';

/** Most pairs one submission flags, strongest first: a flood of flags helps no reviewer. */
const MAX_CANDIDATES = 50;

/**
 * 一数一源 — on every submission, looks for another provider already registering the same data and
 * flags the pair for the node authority. It never refuses the submission: deciding which source
 * is authoritative is the authority's call. A retired entry stops counting as a registration.
 */
@Injectable()
export class OneSourceHook implements EntryWriteHook {
  constructor(
    private readonly fingerprints: SourceFingerprintRepository,
    private readonly conflicts: SourceConflictRepository,
  ) {}

  async afterEntryChange(manager: EntityManager, change: EntryChange): Promise<void> {
    if (change.retired || change.action === 'retire') {
      await this.fingerprints.remove(manager, change.entryId);
      return;
    }
    if (change.action !== 'submit') return;
    const content = await this.fingerprints.versionContent(manager, change.entryId, change.version);
    if (!content) return;
    const fingerprint: Fingerprint = {
      entryId: change.entryId,
      nodeCode: change.nodeCode,
      organisationId: change.organisationId,
      version: change.version,
      classificationCode: content.classificationCode,
      name: content.name,
      itemCount: content.items.length,
      keys: entryItemKeys(content.items),
    };
    await this.fingerprints.lockNode(manager, change.nodeCode);
    await this.fingerprints.upsert(manager, fingerprint);
    for (const [otherEntryId, reasons] of await this.findSameData(manager, fingerprint, content)) {
      await this.conflicts.raise(manager, {
        nodeCode: change.nodeCode,
        entryId: change.entryId,
        otherEntryId,
        reasons,
        score: score(reasons),
      });
    }
  }

  /** Other providers' entries that look like the same data, with the reasons. */
  private async findSameData(
    manager: EntityManager,
    fingerprint: Fingerprint,
    content: EntryContent,
  ): Promise<Map<string, ConflictReason[]>> {
    const found = new Map<string, ConflictReason[]>();
    const add = (entryId: string, reason: ConflictReason) =>
      found.set(entryId, [...(found.get(entryId) ?? []), reason]);
    for (const candidate of await this.fingerprints.sharingKeys(
      manager,
      fingerprint,
      MIN_SHARED_ITEMS,
      MAX_CANDIDATES,
    )) {
      const shared = sharedItems(content.items, candidate.keys);
      const { ratio, same } = judgeSharedItems(content.items.length, shared);
      if (same)
        add(candidate.entryId, {
          kind: 'same-items',
          sharedItems: shared,
          itemCount: content.items.length,
          ratio: round(ratio),
        });
    }
    for (const similar of await this.fingerprints.similarNames(
      manager,
      fingerprint,
      NAME_SIMILARITY_THRESHOLD,
      MAX_CANDIDATES,
    )) {
      add(similar.entryId, {
        kind: 'similar-name',
        name: content.name,
        otherName: similar.name,
        classificationCode: content.classificationCode,
        similarity: round(similar.similarity),
      });
    }
    return found;
  }
}

/** How sure the flag is, 0–1: the strongest of its reasons. */
function score(reasons: readonly ConflictReason[]): number {
  return Math.max(...reasons.map((r) => (r.kind === 'same-items' ? r.ratio : r.similarity)));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
