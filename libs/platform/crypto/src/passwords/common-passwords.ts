import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * 常见弱口令 — the ~49,000 most common passwords of leaked-password studies, as kept by zxcvbn-ts
 * (`@zxcvbn-ts/language-common`, MIT licence), all lower case.
 */
const COMMON: ReadonlySet<string> = new Set(dictionary['passwords-common'] as string[]);

/** Shortest core word checked on its own once digits and symbols around it are removed. */
const MIN_CORE_LENGTH = 4;

const LEET: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
};

/**
 * True when the password, ignoring case, is a common password or a trivial variant of one: digits
 * and symbols added before or after (`Password123`, `!qwerty2026`) or letters swapped for look-alike
 * digits and symbols (`P@ssw0rd`).
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase();
  const candidates = new Set<string>([lower, unLeet(lower)]);
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if ([...core].length >= MIN_CORE_LENGTH) candidates.add(core).add(unLeet(core));
  const unLeetedCore = unLeet(lower).replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if ([...unLeetedCore].length >= MIN_CORE_LENGTH) candidates.add(unLeetedCore);
  return [...candidates].some((candidate) => COMMON.has(candidate));
}

function unLeet(text: string): string {
  return [...text].map((c) => LEET[c] ?? c).join('');
}
