import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
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

/**
 * Hands out the next code for a 前段码 on this node and records it as assigned. The counter row is
 * locked by the upsert until the transaction ends, so parallel creations queue on it and never get
 * the same number; numbers only grow, so a retired or abandoned code is never reused.
 */
export async function assignEntryCode(
  manager: EntityManager,
  nodeCode: string,
  classificationCode: string,
  entryId: string,
): Promise<string> {
  const rows: Array<{ last_value: number }> = await manager.query(
    `INSERT INTO code_sequence (node_code, prefix, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (node_code, prefix) DO UPDATE SET last_value = code_sequence.last_value + 1
     RETURNING last_value`,
    [nodeCode, classificationCode],
  );
  const sequence = rows[0]!.last_value;
  if (sequence > MAX_SEQUENCE) {
    throw GovdataError.rule(
      'content.classificationCode',
      'code-space-exhausted',
      `all ${MAX_SEQUENCE} codes under ${classificationCode} on node ${nodeCode} are used; classify the entry more finely (目/细目)`,
    );
  }
  const code = formatEntryCode(classificationCode, nodeCode, sequence);
  await manager.query('INSERT INTO assigned_code (code, entry_id) VALUES ($1, $2)', [code, entryId]);
  return code;
}
