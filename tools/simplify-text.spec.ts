import { traditionalFiles } from './simplify-text.mjs';

/**
 * 规范汉字: every text a person reads — UI strings, errors, demo data, labels, exports, README — is in
 * simplified characters. Deliberate traditional input (tests proving both scripts are accepted) lives
 * in `*.traditional.ts` files, or is derived at run time.
 */
describe('the repository’s Chinese text', () => {
  it('is simplified everywhere outside *.traditional.ts', () => {
    expect(traditionalFiles()).toEqual([]);
  }, 60_000);
});
