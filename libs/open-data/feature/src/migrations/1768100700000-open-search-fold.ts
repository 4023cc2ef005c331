import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchText } from '../datasets/search-text.js';

const BATCH = 1_000;

/**
 * 繁简折叠 in the open catalog's search: a dataset's title, description and tags folded to
 * simplified script in `search_text` (written by the dataset's one writer), and the CKAN search's
 * bigram index rebuilt on it — so the traditional spelling of 图书馆 finds it, and the other way round.
 */
export class OpenSearchFold1768100700000 implements MigrationInterface {
  name = 'OpenSearchFold1768100700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE open_dataset ADD COLUMN search_text text NOT NULL DEFAULT ''`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string; name: string; abstract: string; tags: string[] }> = await q.query(
        'SELECT id, name, abstract, tags FROM open_dataset WHERE id > $1 ORDER BY id LIMIT $2',
        [after, BATCH],
      );
      if (rows.length === 0) break;
      await q.query(
        `UPDATE open_dataset d SET search_text = s.text FROM unnest($1::uuid[], $2::text[]) AS s (id, text)
          WHERE d.id = s.id`,
        [rows.map((r) => r.id), rows.map((r) => searchText(r))],
      );
      after = rows.at(-1)!.id;
    }
    await q.query('DROP INDEX open_dataset_text_bigrams');
    await q.query(
      'CREATE INDEX open_dataset_search_bigrams ON open_dataset USING gin (open_dataset_bigrams(search_text))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX open_dataset_search_bigrams');
    await q.query(
      'CREATE INDEX open_dataset_text_bigrams ON open_dataset USING gin (open_dataset_bigrams(open_dataset_text(name, abstract, tags)))',
    );
    await q.query('ALTER TABLE open_dataset DROP COLUMN search_text');
  }
}
