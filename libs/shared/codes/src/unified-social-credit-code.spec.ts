import { checkUscc, isGovernmentBodyUscc, usccCheckDigit } from './unified-social-credit-code.js';
import { nodeCodeProblem } from './node-code.js';

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts the standard example', () => {
    expect(checkUscc('91310110666007217T')).toEqual({ wellFormed: true, checkDigitValid: true });
  });

  it('computes the check digit', () => {
    expect(usccCheckDigit('91310110666007217')).toBe('T');
  });

  it('reports a wrong check digit with the expected one, without calling the code malformed', () => {
    expect(checkUscc('91310110666007217A')).toEqual({
      wellFormed: true,
      checkDigitValid: false,
      problem: 'check-digit',
      expectedCheckDigit: 'T',
    });
  });

  it('rejects bad length and letters outside the charset (I, O, S, V, Z)', () => {
    expect(checkUscc('9131011066600721').problem).toBe('length');
    expect(checkUscc('9131011066600721IT').problem).toBe('charset');
    expect(checkUscc('91310110666007217O').problem).toBe('charset');
  });

  it('recognises government bodies by prefix 11', () => {
    expect(isGovernmentBodyUscc('11360000014500000X')).toBe(true);
    expect(isGovernmentBodyUscc('91310110666007217T')).toBe(false);
  });
});

describe('node codes', () => {
  it.each([
    ['100000', 'national'],
    ['360000', 'provincial'],
    ['360100', 'municipal'],
    ['91310110666007217T', 'ministry'],
  ] as const)('%s is a valid %s code', (code, level) => {
    expect(nodeCodeProblem(code, level)).toBeNull();
  });

  it.each([
    ['360000', 'national'],
    ['360100', 'provincial'],
    ['360000', 'municipal'],
    ['36010', 'municipal'],
    ['360100', 'ministry'],
  ] as const)('%s is not a %s code', (code, level) => {
    expect(nodeCodeProblem(code, level)).toMatch(/code/);
  });
});
