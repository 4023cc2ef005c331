import type { EntryContent } from '../entries/entry-content.js';
import { entryStatus, type EntryStatus, type VersionState } from '../entries/entry-lifecycle.js';
import { isRestricted } from '../entries/entry-visibility.js';
import { gradeValue } from './search-query.js';
import { nameKey, tokenVector } from './search-tokenizer.js';

/** An entry and the version readers see (the published one if any, else the head), as stored. */
export interface IndexSource {
  entryId: string;
  code: string;
  nodeCode: string;
  organisationId: string;
  headState: VersionState;
  publishedVersion: number | null;
  retired: boolean;
  updatedAt: string;
  /** The version described; `content` is the zod output shape of `entryContentSchema`. */
  version: number;
  content: EntryContent;
  publishedAt: string | null;
  publishDate: string | null;
}

/** One row of `entry_search`. */
export interface SearchRow {
  entry_id: string;
  node_code: string;
  organisation_id: string;
  code: string;
  version: number;
  name: string;
  name_key: string;
  abstract: string;
  tags: string[];
  tag_keys: string[];
  status: EntryStatus;
  published: boolean;
  restricted: boolean;
  classification_code: string;
  sharing_type: string;
  open_type: string;
  grade_category: string;
  grade_level: number | null;
  grade: string;
  update_cycle: string;
  publish_date: string | null;
  sort_at: string;
  recency: number;
  name_len: number;
  name_vector: string;
  title_vector: string;
  item_vector: string;
  document: string;
}

/** What the index holds for an entry: its facets, visibility flags and weighted search document. */
export function searchRow(source: IndexSource): SearchRow {
  const c = source.content;
  const status = entryStatus(source.headState, source.publishedVersion, source.retired);
  const published = status === 'published' || status === 'retired';
  const tags = [...new Set((c.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  // Newest first: published entries by publication, the others by their last change.
  const sortAt = published ? (source.publishedAt ?? source.updatedAt) : source.updatedAt;
  return {
    entry_id: source.entryId,
    node_code: source.nodeCode,
    organisation_id: source.organisationId,
    code: source.code,
    version: source.version,
    name: c.name,
    name_key: nameKey(c.name),
    name_len: [...nameKey(c.name)].length,
    abstract: c.abstract,
    tags,
    tag_keys: tags.map(nameKey),
    status,
    published,
    restricted: isRestricted(c),
    classification_code: c.classificationCode,
    sharing_type: c.sharing.type,
    open_type: c.open.type,
    grade_category: c.grade.category,
    grade_level: c.grade.level ?? null,
    grade: gradeValue(c.grade),
    update_cycle: c.updateCycle,
    publish_date: source.publishDate,
    sort_at: sortAt,
    recency: -Date.parse(sortAt),
    // One vector per relevance tier, so each tier has its own index and statistics.
    name_vector: tokenVector([c.name, source.code]),
    title_vector: tokenVector([c.name, source.code, ...tags]),
    item_vector: tokenVector(c.items.map((item) => item.name)),
    document: tokenVector([c.name, source.code, ...tags, ...c.items.map((item) => item.name), c.abstract]),
  };
}
