import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE or DELETE … RETURNING and gives back the rows it returned. TypeORM's PostgreSQL
 * driver answers those two commands with `[rows, rowCount]` rather than the rows (SELECT and INSERT
 * answer with the rows), so `(await m.query(...)).length` would always be 2.
 */
export async function modifiedRows<T = Record<string, unknown>>(
  m: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  if (!/^\s*(UPDATE|DELETE|WITH)\b/i.test(sql) || !/\bRETURNING\b/i.test(sql)) {
    throw new Error('modifiedRows is for UPDATE or DELETE … RETURNING statements');
  }
  const result: unknown = await m.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
