import type {
  CalendarView,
  Classification,
  DeadlineSettingsView,
  GradeKey,
  GradePolicyRule,
  SharingTypeKey,
} from '@/api/types/catalog.js';

/**
 * 节点设置 — what a data-admin types into the node's settings, turned into the API's request bodies
 * as typed: the API checks every value and its field errors are shown beside the fields (no rule
 * of the catalog is repeated here).
 */

export const DEADLINE_FIELDS = ['registrationDays', 'updateDays', 'reviewDays', 'annualReviewDays'] as const;
export type DeadlineField = (typeof DEADLINE_FIELDS)[number];
export type DeadlineForm = Record<DeadlineField, string>;

export function deadlineForm(view: DeadlineSettingsView): DeadlineForm {
  return {
    registrationDays: String(view.registrationDays),
    updateDays: String(view.updateDays),
    reviewDays: String(view.reviewDays),
    annualReviewDays: String(view.annualReviewDays),
  };
}

/** `PUT /settings/deadlines`: each count as a number when it is one, else as typed (the API names the field). */
export function deadlineBody(form: DeadlineForm): Record<DeadlineField, number | string | null> {
  const body = {} as Record<DeadlineField, number | string | null>;
  for (const field of DEADLINE_FIELDS) {
    const text = form[field].trim();
    body[field] = text === '' ? null : Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return body;
}

export const GRADE_KEYS: readonly GradeKey[] = [
  'core',
  'important',
  'general-1',
  'general-2',
  'general-3',
  'general-4',
];
export const SHARING_TYPE_KEYS: readonly SharingTypeKey[] = ['unconditional', 'conditional', 'none'];

/** The policy form: one row per grade, in the order of the grades; a grade the node has no rule for is empty. */
export function gradePolicyForm(rules: readonly GradePolicyRule[]): GradePolicyRule[] {
  return GRADE_KEYS.map((grade) => {
    const rule = rules.find((r) => r.grade === grade);
    return { grade, sharingTypes: [...(rule?.sharingTypes ?? [])], openTypes: [...(rule?.openTypes ?? [])] };
  });
}

/** `PUT /settings/grade-policy`: every grade's rule as chosen (the API refuses an empty choice, naming it). */
export function gradePolicyBody(form: readonly GradePolicyRule[]): { rules: GradePolicyRule[] } {
  return {
    rules: form.map((r) => ({ grade: r.grade, sharingTypes: [...r.sharingTypes], openTypes: [...r.openTypes] })),
  };
}

/** The fields the API's errors may name for the policy form (`rules.2.openTypes`). */
export function gradePolicyFields(): string[] {
  return GRADE_KEYS.flatMap((_, n) => [`rules.${n}`, `rules.${n}.sharingTypes`, `rules.${n}.openTypes`]);
}

/** The calendar year form: the notice and its dates, typed one per line (or separated by commas, 、 or spaces). */
export interface CalendarForm {
  year: string;
  notice: string;
  holidays: string;
  workdays: string;
}

export function emptyCalendarForm(year: number): CalendarForm {
  return { year: String(year), notice: '', holidays: '', workdays: '' };
}

export function dateList(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

/** `PUT /settings/calendar/:year`: the notice and the dates as typed. */
export function calendarBody(form: CalendarForm): { notice: string; holidays: string[]; workdays: string[] } {
  return { notice: form.notice, holidays: dateList(form.holidays), workdays: dateList(form.workdays) };
}

/**
 * 日历年度 — each year around today and where its working days come from: the official data
 * shipped with the platform, a notice loaded here or inherited from an ancestor node, or nothing
 * yet (due dates in it are provisional, 暂定).
 */
export interface CalendarYearRow {
  year: number;
  source: 'official' | 'notice' | 'inherited' | 'provisional';
  notice: string | null;
  inheritedFrom: string | null;
  loadedAt: string | null;
}

export function calendarYears(view: CalendarView, thisYear: number): CalendarYearRow[] {
  const loaded = new Map(view.loaded.map((l) => [l.year, l]));
  const years = new Set<number>([...view.years, thisYear, thisYear + 1]);
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const notice = loaded.get(year);
      if (notice) {
        return {
          year,
          source: notice.inheritedFrom ? 'inherited' : 'notice',
          notice: notice.notice,
          inheritedFrom: notice.inheritedFrom,
          loadedAt: notice.loadedAt,
        };
      }
      const official = year >= view.official.firstYear && year <= view.official.lastYear && view.years.includes(year);
      return {
        year,
        source: official ? 'official' : 'provisional',
        notice: null,
        inheritedFrom: null,
        loadedAt: null,
      };
    });
}

/** A classification with its children, for a tree or a cascader (value = code). */
export interface ClassificationNode {
  value: string;
  label: string;
  classification: Classification;
  children?: ClassificationNode[];
}

/**
 * The code table as a tree (类 → 项 → 目 → 细目), in code order. Withdrawn codes are left out unless
 * asked for (a new entry may not use them). A code whose parent is missing is kept at the top.
 */
export function classificationTree(
  items: readonly Classification[],
  options: { withdrawn?: boolean; label?: (c: Classification) => string } = {},
): ClassificationNode[] {
  const label = options.label ?? ((c: Classification) => `${c.code} ${c.name}`);
  const shown = items.filter((c) => options.withdrawn || c.withdrawnAt === null);
  const nodes = new Map(
    shown.map((c) => [c.code, { value: c.code, label: label(c), classification: c } as ClassificationNode]),
  );
  const roots: ClassificationNode[] = [];
  for (const c of [...shown].sort((a, b) => a.code.localeCompare(b.code))) {
    const node = nodes.get(c.code)!;
    const parent = c.parentCode ? nodes.get(c.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** The new-classification form: the code under an existing one, its name, its English name. */
export interface ClassificationForm {
  code: string;
  name: string;
  nameEn: string;
}

export function classificationBody(form: ClassificationForm): { code: string; name: string; nameEn?: string } {
  const body: { code: string; name: string; nameEn?: string } = { code: form.code.trim(), name: form.name };
  if (form.nameEn.trim() !== '') body.nameEn = form.nameEn;
  return body;
}

/** The data element form. */
export interface DataElementForm {
  identifier: string;
  name: string;
  nameEn: string;
  definition: string;
  dataType: string;
  length: string;
  valueDomain: string;
}

export const DATA_ELEMENT_FIELDS = [
  'identifier',
  'name',
  'nameEn',
  'definition',
  'dataType',
  'length',
  'valueDomain',
] as const;

export function emptyDataElementForm(): DataElementForm {
  return { identifier: '', name: '', nameEn: '', definition: '', dataType: 'C', length: '', valueDomain: '' };
}

/** `POST /data-elements`: empty optional text left out, the length as a number when one is typed. */
export function dataElementBody(form: DataElementForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    identifier: form.identifier.trim(),
    name: form.name,
    definition: form.definition,
    dataType: form.dataType,
  };
  if (form.nameEn.trim() !== '') body.nameEn = form.nameEn;
  if (form.valueDomain.trim() !== '') body.valueDomain = form.valueDomain;
  const length = form.length.trim();
  if (length !== '') body.length = Number.isFinite(Number(length)) ? Number(length) : length;
  return body;
}
