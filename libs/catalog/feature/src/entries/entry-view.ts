import type { OrganisationRef } from '../organisation-directory/organisation-ref.repository.js';
import { entryStatus } from './entry-lifecycle.js';
import type { EntryRecord, EntryView, VersionRecord } from './entry.types.js';
import { isRestricted } from './entry-visibility.js';

/** The API view of one version of an entry. */
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
