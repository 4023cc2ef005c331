import { isJsonObject, locateRecords, rewriteRecords, type JsonObject } from './response-records.js';
import { fieldOf, type ResponseItem } from './response-items.js';

export type FieldVerdict = 'keep' | 'descend' | 'remove';

/**
 * 授权信息项 — the fields a grant lets through. A field is permitted when the item it carries is:
 * by the resource's declaration (field ↔ item), else by its own name. A declared mapping wins, so a
 * field mapped to an unpermitted item goes even when its name happens to be a permitted item's.
 */
export class PermittedItems {
  private readonly permitted: ReadonlySet<string>;
  private readonly itemOfField = new Map<string, string>();
  /** Every field path that is let through, to know which containers to enter. */
  private readonly paths: string[];
  /** Top-level names of every declared field, permitted or not. */
  private readonly declared: ReadonlySet<string>;

  constructor(permittedItems: Iterable<string>, items: readonly ResponseItem[] = []) {
    this.permitted = new Set(permittedItems);
    for (const item of items) if (item.field !== undefined) this.itemOfField.set(item.field, item.item);
    const paths = new Set<string>();
    for (const item of items) if (this.permitted.has(item.item)) paths.add(fieldOf(item));
    for (const name of this.permitted) if (!this.itemOfField.has(name)) paths.add(name);
    this.paths = [...paths];
    this.declared = new Set(items.map((item) => fieldOf(item).split('.')[0]!));
  }

  /** keep: the whole value; descend: an object or list holding permitted fields; remove: the rest. */
  verdict(path: string): FieldVerdict {
    const item = this.itemOfField.get(path) ?? path;
    if (this.permitted.has(item)) return 'keep';
    return this.paths.some((p) => p.startsWith(`${path}.`)) ? 'descend' : 'remove';
  }

  /** True for a top-level key the records may have — tells a record from an envelope. */
  isField(key: string): boolean {
    return this.declared.has(key) || this.verdict(key) !== 'remove';
  }

  /** The record with unpermitted fields removed; their paths are added to `removed`. */
  filterRecord(record: JsonObject, removed: Set<string>, prefix = ''): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(record)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const verdict = this.verdict(path);
      if (verdict === 'keep') out[key] = value;
      else if (verdict === 'descend' && isJsonObject(value)) out[key] = this.filterRecord(value, removed, path);
      else if (verdict === 'descend' && Array.isArray(value)) out[key] = this.filterList(value, removed, path);
      else if (verdict === 'descend' && value === null) out[key] = null;
      else removed.add(path);
    }
    return out;
  }

  private filterList(list: unknown[], removed: Set<string>, path: string): unknown[] {
    const out: unknown[] = [];
    for (const element of list) {
      if (isJsonObject(element)) out.push(this.filterRecord(element, removed, path));
      else if (Array.isArray(element)) out.push(this.filterList(element, removed, path));
      else removed.add(path);
    }
    return out;
  }
}

export interface FilteredResponse {
  body: unknown;
  /** Record fields removed, as dotted paths relative to a record, sorted — for the audit. */
  removed: string[];
  /** Nested envelope members removed beside the records (dotted paths from the body). */
  envelopeRemoved: string[];
  /** Where the records were found: '' the body, `data.list` … */
  recordsAt: string;
}

/**
 * Removes every field the grant does not permit, keeping the response's structure (record, list of
 * records, or envelope). `recordsAt` is the resource's declared place of the records; without it the
 * place is detected (see `locateRecords`).
 */
export function filterPermittedItems(body: unknown, permitted: PermittedItems, recordsAt?: string): FilteredResponse {
  const path = locateRecords(body, recordsAt, (key) => permitted.isField(key));
  const removed = new Set<string>();
  const report = { envelopeRemoved: [] as string[], notRecords: 0 };
  const filtered = rewriteRecords(body, path, (record) => permitted.filterRecord(record, removed), report);
  if (report.notRecords > 0) removed.add('(value)');
  return {
    body: filtered,
    removed: [...removed].sort(),
    envelopeRemoved: report.envelopeRemoved.sort(),
    recordsAt: path.join('.'),
  };
}
