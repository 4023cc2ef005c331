import type { FieldProblem } from '@govdata/platform-errors';
import { normaliseItemName } from '../entries/entry-content.js';
import type { TableColumn } from './postgres-table-probe.js';
import { MountRule } from './mount.exception.js';

/** One checked pair: the column as the table spells it, the item as the entry spells it. */
export interface MappedColumn {
  column: string;
  columnType: string;
  item: string;
}

/**
 * The items a mapping names must be items of the entry (compared as people mean names); each item
 * and each column at most once. Problems name `columnMapping.<i>.item`.
 */
export function checkMappedItems(
  mapping: ReadonlyArray<{ column: string; item: string }>,
  itemNames: readonly string[],
): { items: string[]; problems: FieldProblem[] } {
  const byKey = new Map(itemNames.map((name) => [normaliseItemName(name), name]));
  const problems: FieldProblem[] = [];
  const seenItems = new Map<string, number>();
  const seenColumns = new Map<string, number>();
  const items = mapping.map((pair, i) => {
    const key = normaliseItemName(pair.item);
    const item = byKey.get(key);
    if (item === undefined) {
      problems.push({
        path: `columnMapping.${i}.item`,
        rule: MountRule.ItemOfEntry,
        message: `${pair.item} 不是该目录的信息项（其信息项：${itemNames.join('、')}） (${pair.item} is not an item of the entry (its items: ${itemNames.join('、')}))`,
      });
    } else if (seenItems.has(key)) {
      problems.push({
        path: `columnMapping.${i}.item`,
        rule: MountRule.Unique,
        message: `信息项 ${item} 已映射（${seenItems.get(key)}） (item ${item} is mapped already (${seenItems.get(key)}))`,
      });
    } else seenItems.set(key, i);
    const first = seenColumns.get(pair.column);
    if (first !== undefined) {
      problems.push({
        path: `columnMapping.${i}.column`,
        rule: MountRule.Unique,
        message: `字段 ${pair.column} 已映射（${first}） (column ${pair.column} is mapped already (${first}))`,
      });
    } else seenColumns.set(pair.column, i);
    return item ?? pair.item;
  });
  return { items, problems };
}

/** Each mapped column must exist in the real table; problems name `columnMapping.<i>.column`. */
export function checkMappedColumns(
  mapping: ReadonlyArray<{ column: string; item: string }>,
  items: readonly string[],
  columns: readonly TableColumn[],
  table: string,
): { mapped: MappedColumn[]; problems: FieldProblem[] } {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const problems: FieldProblem[] = [];
  const mapped: MappedColumn[] = [];
  mapping.forEach((pair, i) => {
    const column = byName.get(pair.column);
    if (column) {
      mapped.push({ column: column.name, columnType: column.dataType, item: items[i]! });
      return;
    }
    const sameIgnoringCase = columns.find((c) => c.name.toLowerCase() === pair.column.toLowerCase());
    problems.push({
      path: `columnMapping.${i}.column`,
      rule: MountRule.ColumnExists,
      message: sameIgnoringCase
        ? `表 ${table} 没有字段 ${pair.column}；是否指 ${sameIgnoringCase.name}？ (table ${table} has no column ${pair.column}; did you mean ${sameIgnoringCase.name}?)`
        : `表 ${table} 没有字段 ${pair.column} (table ${table} has no column ${pair.column})`,
    });
  });
  return { mapped, problems };
}
