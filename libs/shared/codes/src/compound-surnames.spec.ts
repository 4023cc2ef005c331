import { describe, expect, it } from 'vitest';
import { surnameLength } from './compound-surnames.js';

describe('surnameLength', () => {
  it('takes two characters for a compound surname, one otherwise, none of an empty name', () => {
    expect(surnameLength('欧阳娜娜')).toBe(2);
    expect(surnameLength('司马光')).toBe(2);
    expect(surnameLength('张三')).toBe(1);
    // Two characters in all: the second is the given name, even after a compound-looking start.
    expect(surnameLength('欧阳')).toBe(1);
    expect(surnameLength('  ')).toBe(0);
  });
});
