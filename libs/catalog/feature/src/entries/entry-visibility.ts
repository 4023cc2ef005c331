import { can, type Principal } from '@govdata/platform-auth';
import type { EntryContent } from './entry-content.js';

/**
 * What a reader may see of the catalog on this node:
 * - entries not yet published: the providing organisation and the node's reviewers / data admins;
 * - published and retired entries: every signed-in government user, except *restricted* ones;
 * - restricted entries (不予共享, or 核心数据): only the providing organisation and the node's
 *   reviewers / data admins — others cannot find them nor read their items.
 */
export interface ReaderScope {
  nodeCode: string;
  organisationId: string;
  /** catalog-reviewer or data-admin of an authority organisation of this node: sees every entry of the node. */
  nodeAuthority: boolean;
}

export function readerScope(principal: Principal, nodeCode: string): ReaderScope {
  const sameNode = principal.nodeCode === nodeCode;
  return {
    nodeCode,
    organisationId: sameNode ? principal.organisationId : '00000000-0000-0000-0000-000000000000',
    nodeAuthority: can(principal, 'catalog.entry.read-all', { nodeCode }),
  };
}

/** Entries whose existence and items are kept within the provider and the node authority. */
export function isRestricted(content: Pick<EntryContent, 'sharing' | 'grade'>): boolean {
  return content.sharing.type === 'none' || content.grade.category === 'core';
}

/** May this reader see an entry with this owner, publication state and content? */
export function maySee(
  reader: ReaderScope,
  entry: { organisationId: string; published: boolean; restricted: boolean },
): boolean {
  if (reader.nodeAuthority || reader.organisationId === entry.organisationId) return true;
  return entry.published && !entry.restricted;
}
