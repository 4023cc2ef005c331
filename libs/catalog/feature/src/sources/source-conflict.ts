import type { Label } from '../entries/entry-labels.js';
import type { EntryStatus } from '../entries/entry-lifecycle.js';
import type { SharedItem } from './item-overlap.js';

export const CONFLICT_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

export const CONFLICT_LABELS = {
  status: {
    open: { zh: '待处理', en: 'Open' },
    resolved: { zh: '已确定权威来源', en: 'Authoritative source designated' },
    dismissed: { zh: '非重复', en: 'Dismissed (not the same data)' },
  } satisfies Record<ConflictStatus, Label>,
  reason: {
    'same-items': { zh: '信息项相同', en: 'Same data items' },
    'similar-name': { zh: '同类目下名称相近', en: 'Near-identical name in the same classification' },
  } satisfies Record<ConflictReason['kind'], Label>,
} as const;

/** Why two entries look like the same data. */
export type ConflictReason =
  | { kind: 'same-items'; sharedItems: SharedItem[]; itemCount: number; ratio: number }
  | { kind: 'similar-name'; name: string; otherName: string; classificationCode: string; similarity: number };

/** One side of a flagged pair. */
export interface ConflictEntry {
  id: string;
  code: string;
  name: string;
  organisationId: string;
  organisationName: string | null;
  status: EntryStatus;
  authoritativeEntryId: string | null;
}

/**
 * 一数一源 flag — two providers register what looks like the same data. `entry` is the one whose
 * submission found it; the node authority designates the authoritative source or dismisses it.
 */
export interface SourceConflict {
  id: string;
  status: ConflictStatus;
  statusLabel: Label;
  score: number;
  reasons: Array<ConflictReason & { label: Label }>;
  entry: ConflictEntry;
  other: ConflictEntry;
  detectedAt: string;
  lastDetectedAt: string;
  decision: {
    authoritativeEntryId: string | null;
    note: string | null;
    decidedBy: string;
    decidedByName: string | null;
    decidedAt: string;
  } | null;
}
