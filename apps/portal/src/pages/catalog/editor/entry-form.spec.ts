import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@govdata/web-ui';
import { contentToSend, emptyContent, entryFields } from './entry-form.js';

describe('the entry form', () => {
  it('leaves out optional texts left empty, and the level of data that is not general', () => {
    const form = emptyContent();
    form.grade = { category: 'important', level: 2 };
    form.sharing = { type: 'conditional', conditions: '  ', methods: [] };
    form.items = [{ name: '姓名', dataType: 'C', length: 50, description: '' }];
    const sent = contentToSend(form);
    expect(sent.grade).toEqual({ category: 'important' });
    expect(sent.sharing).toEqual({
      type: 'conditional',
      conditions: undefined,
      legalBasis: undefined,
      methods: undefined,
    });
    expect(sent.items[0]!.description).toBeUndefined();
  });

  it('puts every error of the API beside the field it names, items included', () => {
    const byField = fieldErrorsOf(
      [
        {
          path: 'content.sharing.conditions',
          rule: 'required-for-conditional',
          message: '有条件共享 needs its sharing conditions',
        },
        { path: 'content.items.1.length', rule: 'length-required', message: 'a C item needs its length' },
        {
          path: 'content.classificationCode',
          rule: 'known-classification',
          message: 'not in the classification table',
        },
      ],
      entryFields(2),
      'content',
    );
    expect(Object.keys(byField).sort()).toEqual(['classificationCode', 'items.1.length', 'sharing.conditions']);
  });
});
