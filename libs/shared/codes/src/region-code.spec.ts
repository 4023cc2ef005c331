import { regionCodeProblem, regionName } from './region-code.js';

describe('GB/T 2260 region codes', () => {
  it('names provinces, prefectures and counties', () => {
    expect(regionName('360000')).toBe('江西省');
    expect(regionName('360100')).toBe('南昌市');
    expect(regionName('360102')).toBe('东湖区');
    expect(regionCodeProblem('110105')).toBeNull();
    expect(regionCodeProblem('100000')).toBeNull();
  });

  it('refuses codes the division data does not hold, and malformed ones', () => {
    expect(regionCodeProblem('369999')).toMatch(/not a division/);
    expect(regionCodeProblem('36010')).toMatch(/6 digits/);
    expect(regionName('toString')).toBeUndefined();
  });
});
