import { describe, expect, it } from 'vitest';
import type { CalendarView, Classification, DeadlineSettingsView } from '@/api/types/catalog.js';
import {
  calendarBody,
  calendarYears,
  classificationBody,
  classificationTree,
  dataElementBody,
  deadlineBody,
  deadlineForm,
  emptyDataElementForm,
  gradePolicyBody,
  gradePolicyFields,
  gradePolicyForm,
} from './settings-form.js';

const label = { zh: '', en: '' };
const settings: DeadlineSettingsView = {
  nodeCode: '360000',
  registrationDays: 20,
  updateDays: 10,
  reviewDays: 5,
  annualReviewDays: 20,
  source: 'default',
  updatedBy: null,
  updatedAt: null,
  labels: { registrationDays: label, updateDays: label, reviewDays: label, annualReviewDays: label },
};

function classification(
  code: string,
  parentCode: string | null,
  overrides: Partial<Classification> = {},
): Classification {
  return {
    code,
    parentCode,
    level: code.length === 1 ? 1 : code.length === 3 ? 2 : code.length === 6 ? 3 : 4,
    name: `分类${code}`,
    nameEn: null,
    origin: 'national',
    inheritedFrom: null,
    withdrawnAt: null,
    ...overrides,
  };
}

describe('node settings forms', () => {
  it('sends the deadlines as numbers, and what is not a number as typed for the API to name', () => {
    const form = deadlineForm(settings);
    expect(form).toEqual({ registrationDays: '20', updateDays: '10', reviewDays: '5', annualReviewDays: '20' });
    expect(deadlineBody({ ...form, reviewDays: ' 300 ', updateDays: '' })).toEqual({
      registrationDays: 20,
      updateDays: null,
      reviewDays: 300,
      annualReviewDays: 20,
    });
    expect(deadlineBody({ ...form, reviewDays: '五' }).reviewDays).toBe('五');
  });

  it('shows every grade in the policy form and sends each rule as chosen', () => {
    const form = gradePolicyForm([{ grade: 'important', sharingTypes: ['conditional'], openTypes: ['none'] }]);
    expect(form.map((r) => r.grade)).toEqual(['core', 'important', 'general-1', 'general-2', 'general-3', 'general-4']);
    expect(form[1]).toEqual({ grade: 'important', sharingTypes: ['conditional'], openTypes: ['none'] });
    expect(form[0]).toEqual({ grade: 'core', sharingTypes: [], openTypes: [] });
    form[0]!.sharingTypes.push('none');
    expect(gradePolicyBody(form).rules[0]).toEqual({ grade: 'core', sharingTypes: ['none'], openTypes: [] });
    expect(gradePolicyFields()).toContain('rules.5.openTypes');
  });

  it('reads the dates of a holiday notice typed one per line or separated by commas', () => {
    expect(
      calendarBody({
        year: '2027',
        notice: '国务院办公厅关于2027年部分节假日安排的通知',
        holidays: '2027-01-01\n2027-02-05，2027-02-06、 2027-02-07',
        workdays: '',
      }),
    ).toEqual({
      notice: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07'],
      workdays: [],
    });
  });

  it('says where each year of the calendar comes from, and which years are provisional', () => {
    const view: CalendarView = {
      coverage: '2004–2026',
      years: [2024, 2025, 2026],
      official: { firstYear: 2004, lastYear: 2025, source: 'chinese-days' },
      loaded: [
        {
          year: 2026,
          notice: '国办发明电〔2025〕7号',
          holidays: 30,
          workdays: 5,
          loadedBy: 'u1',
          loadedAt: '2025-11-04T02:00:00Z',
          inheritedFrom: '100000',
        },
      ],
    };
    expect(calendarYears(view, 2026).map((r) => [r.year, r.source, r.inheritedFrom])).toEqual([
      [2027, 'provisional', null],
      [2026, 'inherited', '100000'],
      [2025, 'official', null],
      [2024, 'official', null],
    ]);
  });

  it('builds the classification tree in code order, leaving withdrawn codes out', () => {
    const tree = classificationTree([
      classification('101001', '101'),
      classification('1', null),
      classification('101', '1'),
      classification('101002', '101', { withdrawnAt: '2026-01-01T00:00:00Z' }),
      classification('101001001', '101001', { origin: 'node' }),
      classification('2', null),
    ]);
    expect(tree.map((n) => n.value)).toEqual(['1', '2']);
    expect(tree[0]!.children![0]!.children!.map((n) => n.value)).toEqual(['101001']);
    expect(tree[0]!.children![0]!.children![0]!.children![0]!.label).toBe('101001001 分类101001001');
    expect(tree[1]!.children).toBeUndefined();
    const all = classificationTree([classification('101002', '101', { withdrawnAt: 'x' })], { withdrawn: true });
    expect(all.map((n) => n.value)).toEqual(['101002']);
  });

  it('leaves empty optional text out of new classifications and data elements', () => {
    expect(classificationBody({ code: ' 101001001 ', name: '户籍', nameEn: ' ' })).toEqual({
      code: '101001001',
      name: '户籍',
    });
    expect(
      dataElementBody({
        ...emptyDataElementForm(),
        identifier: 'DE09001',
        name: '姓名',
        definition: '人的姓名',
        length: '50',
      }),
    ).toEqual({ identifier: 'DE09001', name: '姓名', definition: '人的姓名', dataType: 'C', length: 50 });
  });
});
