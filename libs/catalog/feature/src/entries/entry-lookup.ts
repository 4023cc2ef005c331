import type { CatalogEntryEventV1 } from '@govdata/contracts';
import { GovdataError } from '@govdata/platform-errors';
import type { OrganisationRef } from '../organisation-directory/organisation-ref.repository.js';
import { ENTRY_CODE_PATTERN } from './entry-content.js';
import { entryStatus } from './entry-lifecycle.js';
import type { EntryRecord, TransitionRecord, VersionRecord } from './entry.types.js';
import { EntryInputProblem } from './entry.exception.js';

/**
 * What another node's service asks of this node's catalog through the federation (RoutedCall.method):
 * the published entry with a code, as this node holds it. The request is JSON `{ "code": "…" }`; the
 * answer is JSON shaped as the `catalog.entry.v1` record of the entry's last publication — the very
 * record a replica of it carries up the tree — so the asking node reads it as it reads its 一本账.
 */
export const ENTRY_LOOKUP_METHOD = 'catalog.get-entry';

export interface EntryLookupRequest {
  /** 信息资源代码 (前段码/后段码) of an entry registered at this node. */
  code: string;
}

export function decodeEntryLookup(payload: Buffer): EntryLookupRequest {
  let wire: unknown;
  try {
    wire = JSON.parse(payload.toString('utf8'));
  } catch {
    wire = null;
  }
  const code = (wire as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !ENTRY_CODE_PATTERN.test(code)) {
    throw GovdataError.validation([
      { path: 'code', rule: EntryInputProblem.EntryCode, message: 'an information resource code (前段码/后段码)' },
    ]);
  }
  return { code };
}

/**
 * The entry's published version as of its last publication (`publish`: the transition whose
 * sequence a replica carries as its version), with the entry as it stands now.
 */
export function lookupRecord(
  entry: EntryRecord,
  published: VersionRecord,
  publication: TransitionRecord,
  provider: OrganisationRef | null,
): CatalogEntryEventV1 {
  return {
    action: 'publish',
    sequence: publication.seq,
    entry: {
      id: entry.id,
      code: entry.code,
      nodeCode: entry.nodeCode,
      organisationId: entry.organisationId,
      provider: { name: provider?.name || entry.organisationId, code: provider?.uscc ?? '' },
      status: entryStatus(entry.headState, entry.publishedVersion, entry.retiredAt !== null),
      headVersion: entry.headVersion,
      headState: entry.headState as CatalogEntryEventV1['entry']['headState'],
      publishedVersion: entry.publishedVersion,
      authoritativeEntryId: entry.authoritativeEntryId,
    },
    version: {
      number: published.version,
      state: published.state,
      publishDate: published.publishDate,
      content: published.content as unknown as Record<string, unknown>,
    },
    actor: {
      subject: publication.actor.subject,
      organisationId: publication.actor.organisationId ?? entry.organisationId,
      ...(publication.actor.name ? { name: publication.actor.name } : {}),
    },
    at: publication.at.toISOString(),
  };
}
