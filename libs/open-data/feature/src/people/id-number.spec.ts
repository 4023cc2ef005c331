import { isValidIdNumber, maskIdNumber } from './id-number.js';

describe('公民身份号码 (GB 11643)', () => {
  it('accepts the standard’s example and refuses a wrong check digit or date', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491331002X')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });

  it('keeps 6 in front and 4 behind', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
