/**
 * 公民身份号码 (GB 11643-1999): region (6) + birth date YYYYMMDD (8) + sequence (3) + check digit;
 * weights [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2], check = "10X98765432"[Σ mod 11].
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Well formed (18 characters, a real birth date) with a matching check digit. */
export function isValidIdNumber(raw: string): boolean {
  const value = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const [y, m, d] = [Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  return idNumberCheckDigit(value.slice(0, 17)) === value[17];
}

/** 身份证号 keep 6 front / 4 back — all that is ever stored of it. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(-4)}`;
}
