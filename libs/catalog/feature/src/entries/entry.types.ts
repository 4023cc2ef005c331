import type { EntryContent } from './entry-content.js';
import type { EntryStatus, VersionState } from './entry-lifecycle.js';

/** A reviewer's reason for returning one field (退回原因). `field` is a content path, e.g. `items.2.name`. */
export interface FieldReason {
  field: string;
  reason: string;
}

/** The entry row with its head, as stored. */
export interface EntryRecord {
  id: string;
  code: string;
  nodeCode: string;
  organisationId: string;
  headVersion: number;
  headState: VersionState;
  publishedVersion: number | null;
  retiredAt: Date | null;
  authoritativeEntryId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  firstPublishedAt: Date | null;
}

export interface VersionRecord {
  entryId: string;
  version: number;
  state: VersionState;
  content: EntryContent;
  returnReasons: FieldReason[] | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  /** 发布日期 CCYY-MM-DD. */
  publishDate: string | null;
}

export interface TransitionRecord {
  seq: number;
  entryId: string;
  version: number;
  action: string;
  fromState: string | null;
  toState: string;
  actor: { subject: string; name: string | null; organisationId: string | null };
  reason: string | null;
  fieldReasons: FieldReason[] | null;
  at: Date;
}

/** An entry as the API shows it: one version's content with the entry's status and provider. */
export interface EntryView {
  id: string;
  code: string;
  nodeCode: string;
  status: EntryStatus;
  /** 提供方 and 提供方代码 (统一社会信用代码). */
  provider: { organisationId: string; name: string; code: string };
  /** The version shown and its state. */
  version: number;
  versionState: VersionState;
  headVersion: number;
  headState: VersionState;
  publishedVersion: number | null;
  /** 发布日期 of the version shown. */
  publishDate: string | null;
  content: EntryContent;
  /** Reasons of the last return, for the provider and the reviewers. */
  returnReasons: FieldReason[] | null;
  /** 一数一源: the entry designated as the authoritative source of this data, if not this one. */
  authoritativeEntryId: string | null;
  restricted: boolean;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
}
