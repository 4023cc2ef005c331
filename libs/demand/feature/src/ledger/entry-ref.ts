import type { CatalogEntryEventV1, ReplicaEventV1, SharingTypeName } from '@govdata/contracts';
import { z } from 'zod';

/** What the demand service keeps of a published catalog entry: enough to judge an application for it. */
export interface EntryRef {
  entryId: string;
  nodeCode: string;
  code: string;
  name: string;
  organisationId: string;
  providerName: string;
  /** 共享属性: 无条件 / 有条件 / 不予. */
  sharingType: SharingTypeName;
  sharingConditions: string | null;
  sharingLegalBasis: string | null;
  /** 数据分级 category: core, important, general. */
  gradeCategory: string;
  /** 信息项 names. */
  items: string[];
  retired: boolean;
  replica: boolean;
  version: number;
}

/** The part of an entry's content this service reads; the catalog validated the rest. */
const contentSummary = z.object({
  name: z.string().min(1),
  grade: z.object({ category: z.string().min(1) }),
  sharing: z.object({
    type: z.enum(['unconditional', 'conditional', 'none']),
    conditions: z.string().optional(),
    legalBasis: z.string().optional(),
  }),
  items: z.array(z.object({ name: z.string().min(1) })).min(1),
});

/** A record this service cannot use; the reason goes to the dead letters. */
export class EntryRefRejected extends Error {}

/**
 * The entry a catalog transition describes, or null when the transition does not change what an
 * applicant can apply for (drafts, reviews and revisions in progress leave the published version).
 */
export function entryRefFromCatalog(event: CatalogEntryEventV1): EntryRef | null {
  if (event.action !== 'publish' && event.action !== 'retire') return null;
  if (event.action === 'retire' && event.entry.publishedVersion === null) return null;
  return toEntryRef(event, { replica: false, version: event.sequence });
}

/** The entry of another node that a `federation.replica.v1` brought into this node's 一本账. */
export function entryRefFromReplica(event: ReplicaEventV1): EntryRef {
  if (event.kind !== 'catalog.entry') throw new EntryRefRejected(`not a catalog entry replica: ${String(event.kind)}`);
  return toEntryRef(event.record, { replica: true, version: event.version });
}

/**
 * The entry another node's catalog answered a lookup with (`catalog.get-entry`): the record of its
 * last publication, versioned as a replica of it would be.
 */
export function entryRefFromLookup(record: CatalogEntryEventV1): EntryRef {
  return toEntryRef(record, { replica: true, version: record.sequence });
}

function toEntryRef(record: CatalogEntryEventV1, meta: { replica: boolean; version: number }): EntryRef {
  const parsed = contentSummary.safeParse(record.version.content);
  if (!parsed.success) {
    throw new EntryRefRejected(`entry ${record.entry.id}: the content is not a catalog entry: ${parsed.error.message}`);
  }
  const c = parsed.data;
  return {
    entryId: record.entry.id,
    nodeCode: record.entry.nodeCode,
    code: record.entry.code,
    name: c.name,
    organisationId: record.entry.organisationId,
    providerName: record.entry.provider.name,
    sharingType: c.sharing.type,
    sharingConditions: c.sharing.conditions ?? null,
    sharingLegalBasis: c.sharing.legalBasis ?? null,
    gradeCategory: c.grade.category,
    items: c.items.map((i) => i.name),
    retired: record.action === 'retire' || record.entry.status === 'retired',
    replica: meta.replica,
    version: meta.version,
  };
}

/** Item names compared the way people mean them: width, case and spacing do not matter. */
export function normaliseItemName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-·・()（）]/g, '');
}
