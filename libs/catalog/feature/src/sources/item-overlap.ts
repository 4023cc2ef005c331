import { normaliseItemName, type EntryItem } from '../entries/entry-content.js';

/**
 * 一数一源 — when do two entries of different providers describe the same data? When most of one
 * entry's items are items of the other (by normalised name or by data element), or when their
 * names are nearly the same within one classification.
 */
export const MIN_SHARED_ITEMS = 3;
/** Share of this entry's items found in the other entry. */
export const MIN_SHARED_RATIO = 0.8;
/**
 * pg_trgm `similarity()` of the names, same classification. pg_trgm does split CJK text into
 * trigrams in this database's C.UTF-8 locale (measured: 人口基本信息 / 人口基本信息表 = 0.667,
 * 人口基本信息 / 企业登记信息 = 0.077), so the database compares the names itself.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.6;

/** One indexable key of an item: `n:<normalised name>`, and `e:<data element>` when it has one. */
export interface ItemKey {
  key: string;
  itemName: string;
}

export function itemKeys(item: Pick<EntryItem, 'name' | 'dataElement'>): ItemKey[] {
  const keys = [{ key: `n:${normaliseItemName(item.name)}`, itemName: item.name }];
  if (item.dataElement) keys.push({ key: `e:${item.dataElement.toUpperCase()}`, itemName: item.name });
  return keys;
}

/** Keys of every item of an entry, each key once (the first item holding it names it). */
export function entryItemKeys(items: ReadonlyArray<Pick<EntryItem, 'name' | 'dataElement'>>): ItemKey[] {
  const seen = new Map<string, ItemKey>();
  for (const item of items) for (const k of itemKeys(item)) if (!seen.has(k.key)) seen.set(k.key, k);
  return [...seen.values()];
}

export interface SharedItem {
  item: string;
  otherItem: string;
  by: 'name' | 'dataElement';
}

/**
 * This entry's items found among the other entry's keys: each item counted once, by name when
 * the names agree, otherwise by data element.
 */
export function sharedItems(
  items: ReadonlyArray<Pick<EntryItem, 'name' | 'dataElement'>>,
  otherKeys: readonly ItemKey[],
): SharedItem[] {
  const other = new Map(otherKeys.map((k) => [k.key, k.itemName]));
  const shared: SharedItem[] = [];
  for (const item of items) {
    const [byName, byElement] = itemKeys(item);
    const nameMatch = other.get(byName!.key);
    if (nameMatch !== undefined) {
      shared.push({ item: item.name, otherItem: nameMatch, by: 'name' });
      continue;
    }
    const elementMatch = byElement ? other.get(byElement.key) : undefined;
    if (elementMatch !== undefined) shared.push({ item: item.name, otherItem: elementMatch, by: 'dataElement' });
  }
  return shared;
}

/** The share of this entry's items the other holds, and whether that makes it the same data. */
export function judgeSharedItems(itemCount: number, shared: readonly SharedItem[]): { ratio: number; same: boolean } {
  const ratio = itemCount === 0 ? 0 : shared.length / itemCount;
  return { ratio, same: shared.length >= MIN_SHARED_ITEMS && ratio >= MIN_SHARED_RATIO };
}
