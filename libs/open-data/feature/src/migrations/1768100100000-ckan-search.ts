import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CKAN action API's search (`/api/3/action/package_search`) over 100,000 datasets: the text of
 * a dataset (title, description, tags) indexed as the catalog indexes Chinese — character bigrams
 * plus the last character, so that every character starts exactly one token and any substring a
 * user types is found through the index (two characters as one bigram, one as a prefix) — here
 * computed by PostgreSQL from the columns, so the one writer of `open_dataset` needs no change and
 * no extension is needed. Also the orders and filters harvesters use (newest change first, by
 * department, by 主题领域, by tag, by id).
 */
export class CkanSearch1768100100000 implements MigrationInterface {
  name = 'CkanSearch1768100100000';

  async up(q: QueryRunner): Promise<void> {
    // Immutable (array_to_string is only stable in general, but not for text[]), so it can be indexed.
    await q.query(`
      CREATE FUNCTION open_dataset_text(name text, abstract text, tags text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(name || ' ' || abstract || ' ' || array_to_string(tags, ' ')) $$`);
    // Bigrams of the text and its last character, as lexemes as they are (no parser, no dictionary).
    await q.query(`
      CREATE FUNCTION open_dataset_bigrams(t text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT coalesce(array_to_tsvector(array_agg(DISTINCT substr(t, i, 2))), ''::tsvector)
            FROM generate_series(1, char_length(t)) AS i $$`);
    await q.query(
      'CREATE INDEX open_dataset_text_bigrams ON open_dataset USING gin (open_dataset_bigrams(open_dataset_text(name, abstract, tags)))',
    );
    await q.query(
      'CREATE INDEX open_dataset_public_modified ON open_dataset (node_code, status, metadata_modified DESC, id DESC)',
    );
    await q.query('CREATE INDEX open_dataset_public_id ON open_dataset (node_code, status, id)');
    await q.query(
      'CREATE INDEX open_dataset_organisation ON open_dataset (organisation_id, status, metadata_modified DESC, id DESC)',
    );
    await q.query('CREATE INDEX open_dataset_domain ON open_dataset (domain, status, metadata_modified DESC, id DESC)');
    await q.query('CREATE INDEX open_dataset_tags ON open_dataset USING gin (tags)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS open_dataset_tags');
    await q.query('DROP INDEX IF EXISTS open_dataset_domain');
    await q.query('DROP INDEX IF EXISTS open_dataset_organisation');
    await q.query('DROP INDEX IF EXISTS open_dataset_public_id');
    await q.query('DROP INDEX IF EXISTS open_dataset_public_modified');
    await q.query('DROP INDEX IF EXISTS open_dataset_text_bigrams');
    await q.query('DROP FUNCTION open_dataset_bigrams(text)');
    await q.query('DROP FUNCTION open_dataset_text(text, text, text[])');
  }
}
