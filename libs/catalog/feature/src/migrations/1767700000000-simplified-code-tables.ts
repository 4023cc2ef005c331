import * as OpenCC from 'opencc-js';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 规范汉字: the platform's own code table — the 资源属性 classification seeded at install
 * (`origin = 'national'`) — was written in traditional characters before; convert its names to
 * simplified with OpenCC's data. A node's own codes (`node`) and codes inherited from another node
 * (`inherited`, which that node converts itself) are someone's own text and stay as entered.
 */
export class SimplifiedCodeTables1767700000000 implements MigrationInterface {
  name = 'SimplifiedCodeTables1767700000000';

  async up(q: QueryRunner): Promise<void> {
    const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
    const rows = (await q.query(`SELECT code, name FROM classification WHERE origin = 'national'`)) as Array<{
      code: string;
      name: string;
    }>;
    for (const row of rows) {
      const name = toSimplified(row.name);
      if (name !== row.name) await q.query('UPDATE classification SET name = $2 WHERE code = $1', [row.code, name]);
    }
  }

  async down(): Promise<void> {
    // The traditional names are not restored: both scripts are searched alike.
  }
}
