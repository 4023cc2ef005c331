import { normaliseItemName, type EntryContent, type EntryItem } from './entry-content.js';

/** One difference between two versions of an entry. */
export interface FieldChange {
  /** Content path: `sharing.conditions`, `items[姓名].length`, `tags`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * Field-level differences between two versions. Items are matched by their normalised name, so an
 * item moved in the list is not reported as changed; arrays of plain values compare as sets.
 */
export function diffContent(before: EntryContent, after: EntryContent): FieldChange[] {
  const changes: FieldChange[] = [];
  const { items: beforeItems, ...beforeRest } = before;
  const { items: afterItems, ...afterRest } = after;
  diffValue('', beforeRest, afterRest, changes);
  diffItems(beforeItems, afterItems, changes);
  return changes;
}

function diffItems(before: EntryItem[], after: EntryItem[], changes: FieldChange[]): void {
  const byName = (items: EntryItem[]) => new Map(items.map((item) => [normaliseItemName(item.name), item]));
  const old = byName(before);
  const now = byName(after);
  for (const [key, item] of old) {
    const next = now.get(key);
    if (!next) changes.push({ path: `items[${item.name}]`, change: 'removed', before: item });
    else diffValue(`items[${item.name}]`, item, next, changes);
  }
  for (const [key, item] of now) {
    if (!old.has(key)) changes.push({ path: `items[${item.name}]`, change: 'added', after: item });
  }
}

function diffValue(path: string, before: unknown, after: unknown, changes: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      diffValue(path ? `${path}.${key}` : key, before[key], after[key], changes);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = JSON.stringify([...before].map((v) => JSON.stringify(v)).sort());
    const b = JSON.stringify([...after].map((v) => JSON.stringify(v)).sort());
    if (a !== b) changes.push({ path, change: 'changed', before, after });
    return;
  }
  if (before === undefined && after !== undefined) changes.push({ path, change: 'added', after });
  else if (before !== undefined && after === undefined) changes.push({ path, change: 'removed', before });
  else if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ path, change: 'changed', before, after });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
