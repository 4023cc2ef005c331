import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog's search index (目录检索): one row per entry, describing the version readers see (the
 * published one if any, else the head), rewritten in the transaction of every entry write so it
 * never drifts from the entries. Provider and classification names are joined at query time, so
 * renaming an organisation needs no reindex.
 *
 * Relevance is by tiers (name is the query, starts with it, contains it; name and tags; items;
 * anywhere) and within a tier by name length or recency, so a tier can be read in index order and
 * stop after a page — no score has to be computed for every match.
 */
export class CreateEntrySearch1763900100000 implements MigrationInterface {
  name = 'CreateEntrySearch1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entry_search (
        entry_id             uuid PRIMARY KEY REFERENCES catalog_entry (id),
        node_code            text NOT NULL,
        organisation_id      uuid NOT NULL,
        code                 text NOT NULL,
        version              integer NOT NULL,
        name                 text NOT NULL,
        -- normalised name (NFKC, lower case, no spaces): exact and prefix matches, suggestions
        name_key             text NOT NULL,
        name_len             smallint NOT NULL,
        abstract             text NOT NULL,
        tags                 text[] NOT NULL,
        status               text NOT NULL
                             CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'published', 'retired')),
        published            boolean NOT NULL,
        restricted           boolean NOT NULL,
        classification_code  text NOT NULL,
        classification_class text GENERATED ALWAYS AS (left(classification_code, 1)) STORED,
        classification_item  text GENERATED ALWAYS AS (left(classification_code, 3)) STORED,
        sharing_type         text NOT NULL,
        open_type            text NOT NULL,
        grade_category       text NOT NULL,
        grade_level          smallint,
        -- facet value: core | important | general-1 … general-4
        grade                text NOT NULL,
        update_cycle         text NOT NULL,
        publish_date         date,
        -- newest first without a query: the publication time, else the last change
        sort_at              timestamptz NOT NULL,
        -- minus sort_at in milliseconds: ascending is newest first, so every order is ascending and
        -- a cursor is a row comparison the index answers as a range (no mixed directions)
        recency              bigint NOT NULL,
        -- tokens (search-tokenizer.ts) of the name and code; of those and the tags; of the item
        -- names; of everything including the abstract — one per relevance tier, each with its own
        -- GIN index and statistics
        name_vector          tsvector NOT NULL,
        title_vector         tsvector NOT NULL,
        item_vector          tsvector NOT NULL,
        document             tsvector NOT NULL,
        indexed_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX entry_search_document ON entry_search USING gin (document)');
    await q.query('CREATE INDEX entry_search_name ON entry_search USING gin (name_vector)');
    await q.query('CREATE INDEX entry_search_title ON entry_search USING gin (title_vector)');
    await q.query('CREATE INDEX entry_search_item ON entry_search USING gin (item_vector)');
    // Within the name tiers: the shortest name (closest to the query) first, then the newest.
    await q.query('CREATE INDEX entry_search_name_len ON entry_search (name_len, recency, entry_id)');
    // Newest first, and the lower tiers: a page after a cursor is a range scan at any depth.
    await q.query('CREATE INDEX entry_search_recent ON entry_search (recency, entry_id)');
    await q.query('CREATE INDEX entry_search_name_key ON entry_search (name_key text_pattern_ops)');

    // 标签 — one row per tag, for prefix suggestions.
    await q.query(`
      CREATE TABLE entry_search_tag (
        entry_id uuid NOT NULL REFERENCES entry_search (entry_id) ON DELETE CASCADE,
        tag_key  text NOT NULL,
        tag      text NOT NULL,
        PRIMARY KEY (entry_id, tag_key)
      )`);
    await q.query('CREATE INDEX entry_search_tag_key ON entry_search_tag (tag_key text_pattern_ops)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE entry_search_tag');
    await q.query('DROP TABLE entry_search');
  }
}
