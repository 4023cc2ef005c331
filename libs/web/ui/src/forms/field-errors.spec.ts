import { describe, expect, it } from 'vitest';
import { ApiError } from '../problems/api-error.js';
import { fieldErrorsOf, useFieldErrors } from './field-errors.js';

const FIELDS = ['name', 'abstract', 'grade', 'sharing.conditions', 'items.0.name', 'items.0.length'];

describe('fieldErrorsOf', () => {
  it('puts each error beside its field, less the body prefix', () => {
    const byField = fieldErrorsOf(
      [
        { path: 'content.name', rule: 'too_small', message: 'must not be empty' },
        { path: 'content.items.0.length', rule: 'length-required', message: 'a C item needs its length' },
      ],
      FIELDS,
      'content',
    );
    expect(byField).toEqual({ name: ['must not be empty'], 'items.0.length': ['a C item needs its length'] });
  });

  it('reads rule paths with brackets the same as dotted schema paths', () => {
    const byField = fieldErrorsOf(
      [
        { path: 'fieldReasons[1].field', rule: 'content-field', message: 'owner is not a field of an entry' },
        { path: 'fieldReasons.0.reason', rule: 'too_small', message: 'must not be empty' },
      ],
      ['fieldReasons.0.reason', 'fieldReasons.1.field'],
    );
    expect(byField).toEqual({
      'fieldReasons.1.field': ['owner is not a field of an entry'],
      'fieldReasons.0.reason': ['must not be empty'],
    });
  });

  it('falls back to the nearest enclosing field, then to the form', () => {
    const byField = fieldErrorsOf(
      [
        { path: 'grade.level', rule: 'level-required', message: 'general data needs its level' },
        { path: 'regionCode', rule: 'invalid_format', message: 'a 6-digit code' },
      ],
      FIELDS,
    );
    expect(byField).toEqual({ grade: ['general data needs its level'], '': ['a 6-digit code'] });
  });
});

describe('useFieldErrors', () => {
  it('shows a 422 beside the fields and clears a field when it changes', () => {
    const errors = useFieldErrors(FIELDS);
    const shown = errors.show(
      new ApiError(422, 'catalog', {
        code: 'rule_violated',
        errors: [
          {
            path: 'sharing.conditions',
            rule: 'required-for-conditional',
            message: '有条件共享 needs its sharing conditions',
          },
          { path: 'sharing.conditions', rule: 'too_big', message: 'at most 2000 characters' },
        ],
      }),
    );
    expect(shown).toBe(true);
    expect(errors.of('sharing.conditions')).toBe('有条件共享 needs its sharing conditions；at most 2000 characters');
    expect(errors.of('name')).toBeUndefined();
    errors.clear('sharing.conditions');
    expect(errors.of('sharing.conditions')).toBeUndefined();
  });

  it('reports an error without field errors as not shown, so the caller shows it whole', () => {
    const errors = useFieldErrors(FIELDS);
    expect(errors.show(new ApiError(409, 'catalog', { detail: 'changed meanwhile' }))).toBe(false);
    expect(errors.general()).toEqual([]);
  });
});
