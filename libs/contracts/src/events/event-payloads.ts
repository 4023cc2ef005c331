/** What happened to an organisation in an `identity.organisation.v1` event. */
export const ORGANISATION_EVENT_ACTIONS = ['created', 'updated', 'deactivated'] as const;
export type OrganisationEventAction = (typeof ORGANISATION_EVENT_ACTIONS)[number];

/** 組織機構類型 in events: `OrganisationKind` of govdata.identity.v1 without its prefix, lower case. */
export const ORGANISATION_KIND_NAMES = ['department', 'government', 'public_institution', 'enterprise'] as const;
export type OrganisationKindName = (typeof ORGANISATION_KIND_NAMES)[number];

/** Payload of `identity.organisation.v1`: the whole organisation record after the change. */
export interface OrganisationEventV1 {
  action: OrganisationEventAction;
  organisation: {
    /** UUID. */
    id: string;
    /** 節點代碼 of the node that owns the record. */
    nodeCode: string;
    /** 機構名稱. */
    name: string;
    /** 統一社會信用代碼 (GB 32100). */
    uscc: string;
    /** 行政區劃代碼 (GB/T 2260). */
    regionCode: string;
    kind: OrganisationKindName;
    /** The parent organisation's id, null for a top-level one. */
    parentId: string | null;
    /** Record version at the owning node, from 1; a receiver keeps the highest it has seen. */
    version: number;
  };
}

/** Payload of `platform.probe.v1`, a diagnostic event that proves the event path works. */
export interface ProbeEventV1 {
  /** 1 to 200 characters. */
  message: string;
  /** From 0; lets a receiver spot gaps and duplicates. */
  sequence: number;
}

/** Lifecycle actions of a catalog entry, one event each. */
export const CATALOG_ENTRY_ACTIONS = [
  'create',
  'update',
  'submit',
  'withdraw',
  'return',
  'approve',
  'publish',
  'revise',
  'retire',
] as const;
export type CatalogEntryAction = (typeof CATALOG_ENTRY_ACTIONS)[number];

/** Payload of `catalog.entry.v1`: a transition of a catalog entry at its owning node. */
export interface CatalogEntryEventV1 {
  action: CatalogEntryAction;
  /** Position in the owning node's catalog history (the transition's sequence number). */
  sequence: number;
  entry: {
    id: string;
    /** 信息資源代碼 */
    code: string;
    nodeCode: string;
    organisationId: string;
    /** 提供方 name and 提供方代碼 (統一社會信用代碼). */
    provider: { name: string; code: string };
    status: 'draft' | 'submitted' | 'returned' | 'approved' | 'published' | 'retired';
    headVersion: number;
    headState: 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
    publishedVersion: number | null;
    authoritativeEntryId: string | null;
  };
  version: {
    number: number;
    state: 'draft' | 'submitted' | 'returned' | 'approved' | 'published' | 'superseded';
    /** 發布日期, CCYY-MM-DD. */
    publishDate: string | null;
    content: Record<string, unknown>;
  };
  actor: { subject: string; name?: string; organisationId: string };
  reason?: string;
  fieldReasons?: Array<{ field: string; reason: string }>;
  /** ISO 8601 instant of the transition. */
  at: string;
}

/**
 * Payload of `federation.replica.v1`: a record of a node in this node's subtree, applied to this
 * node's read-only replicas, with its provenance (origin, path, version, when received).
 */
export interface ReplicaEventV1 {
  kind: 'catalog.entry';
  /** 節點代碼 of the owning node. */
  origin: string;
  /** Origin first, this node last. */
  path: string[];
  /** The record's version at its origin; the highest wins. */
  version: number;
  /** ISO 8601 instant this node applied it. */
  receivedAt: string;
  /** The origin's `catalog.entry.v1` data of a publish or retire transition. */
  record: CatalogEntryEventV1 & { action: 'publish' | 'retire' };
}
