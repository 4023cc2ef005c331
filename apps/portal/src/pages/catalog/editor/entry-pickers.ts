import type { Classification, InformationSystemSummary } from '@/api/types/catalog.js';

/** A suggestion of the classification picker: the code goes into the field; the label shows the path. */
export interface ClassificationSuggestion {
  value: string;
  label: string;
  level: number;
}

/**
 * 信息资源分类 suggestions for what the editor typed: codes that start with it, or whose name (or
 * English name) contains it, in code order; codes withdrawn by their issuer are not offered (a new
 * entry may not use them). Nothing typed: the 目 and 细目 level codes an entry is filed under.
 */
export function classificationSuggestions(
  table: readonly Classification[],
  typed: string,
  limit = 50,
): ClassificationSuggestion[] {
  const words = typed.trim().toLowerCase();
  const byCode = new Map(table.map((c) => [c.code, c]));
  const pathOf = (c: Classification): string => {
    const names: string[] = [];
    for (let at: Classification | undefined = c; at; at = at.parentCode ? byCode.get(at.parentCode) : undefined) {
      names.unshift(at.name);
    }
    return names.join(' / ');
  };
  return table
    .filter((c) => c.withdrawnAt === null)
    .filter((c) =>
      words === ''
        ? c.level >= 3
        : c.code.startsWith(words) ||
          c.name.toLowerCase().includes(words) ||
          (c.nameEn ?? '').toLowerCase().includes(words),
    )
    .sort((a, b) => a.code.localeCompare(b.code))
    .slice(0, limit)
    .map((c) => ({ value: c.code, label: `${c.code} ${pathOf(c)}`, level: c.level }));
}

/** The systems an entry may name: the organisation's own, the entry's current one kept even if retired. */
export function systemOptions(
  systems: readonly InformationSystemSummary[],
  organisationId: string,
  current: string | undefined,
): InformationSystemSummary[] {
  return systems
    .filter((s) => s.organisationId === organisationId || s.id === current)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
