import { ENTRY_CODE_PATTERN } from './entry-content.js';

/** The largest 后段 sequence: six digits per node and 前段码. */
export const MAX_SEQUENCE = 999_999;

/**
 * 信息资源代码 = 前段码 "/" 后段码. 前段码 is the classification code (类/项/目/细目); 后段码 is the
 * owning node's code followed by a six-digit sequence, so codes are unique across the federation
 * without coordination and a code tells where the entry was registered.
 */
export function formatEntryCode(classificationCode: string, nodeCode: string, sequence: number): string {
  return `${classificationCode}/${nodeCode}${String(sequence).padStart(6, '0')}`;
}

export function parseEntryCode(code: string): { prefix: string; nodeCode: string; sequence: number } | null {
  if (!ENTRY_CODE_PATTERN.test(code)) return null;
  const [prefix, suffix] = code.split('/') as [string, string];
  return { prefix, nodeCode: suffix.slice(0, -6), sequence: Number(suffix.slice(-6)) };
}
