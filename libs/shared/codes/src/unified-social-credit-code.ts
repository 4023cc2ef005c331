/**
 * 统一社会信用代码 — unified social credit code (GB 32100-2015).
 *
 * 18 characters: 登记管理部门 (1) + 机构类别 (1) + GB/T 2260 region (6) + 主体标识码 (9) + check (1).
 * Some early codes fail the check digit: callers decide whether a mismatch warns or rejects.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = 'length' | 'charset' | 'check-digit';

export interface UsccCheck {
  /** The code is well formed (length, charset, region digits). */
  wellFormed: boolean;
  /** The 18th character matches the GB 32100 check digit. */
  checkDigitValid: boolean;
  problem?: UsccProblem;
  expectedCheckDigit?: string;
}

export function usccCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError(`character ${first17[i]} is not in the GB 32100 charset`);
    sum += value * (USCC_WEIGHTS[i] as number);
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31] as string;
}

export function checkUscc(code: string): UsccCheck {
  if (code.length !== 18) return { wellFormed: false, checkDigitValid: false, problem: 'length' };
  if (!USCC_SHAPE.test(code)) return { wellFormed: false, checkDigitValid: false, problem: 'charset' };
  const expected = usccCheckDigit(code.slice(0, 17));
  if (expected !== code[17]) {
    return { wellFormed: true, checkDigitValid: false, problem: 'check-digit', expectedCheckDigit: expected };
  }
  return { wellFormed: true, checkDigitValid: true };
}

/** 党政机关 (government bodies) carry the prefix `11`. */
export function isGovernmentBodyUscc(code: string): boolean {
  return code.startsWith('11');
}
