import * as OpenCC from 'opencc-js';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 规范汉字: the legal grounds the platform seeds (`created_by = 'platform'`) were written in
 * traditional characters before; convert their title, basis and description to simplified with
 * OpenCC's data. Grounds a node's authority added are its own text and stay as entered.
 */
export class SimplifiedLegalGrounds1767700000000 implements MigrationInterface {
  name = 'SimplifiedLegalGrounds1767700000000';

  async up(q: QueryRunner): Promise<void> {
    const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
    const rows = (await q.query(
      `SELECT code, title, basis, description FROM legal_ground WHERE created_by = 'platform'`,
    )) as Array<{ code: string; title: string; basis: string; description: string }>;
    for (const row of rows) {
      const [title, basis, description] = [row.title, row.basis, row.description].map((text) => toSimplified(text));
      if (title === row.title && basis === row.basis && description === row.description) continue;
      await q.query('UPDATE legal_ground SET title = $2, basis = $3, description = $4 WHERE code = $1', [
        row.code,
        title,
        basis,
        description,
      ]);
    }
  }

  async down(): Promise<void> {
    // The traditional texts are not restored: both scripts are searched alike.
  }
}
