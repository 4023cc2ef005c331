import { foldScript } from '@govdata/text';

/**
 * What a dataset is found by: its title on the first line, then its description and tags — lower
 * case and folded to simplified script (繁简折叠, as the catalog folds), so a visitor typing either
 * script finds it in either. Kept beside the dataset by its one writer; the CKAN search's bigram
 * index is built on it.
 */
export function searchText(d: { name: string; abstract: string; tags: readonly string[] }): string {
  return `${foldScript(d.name.toLowerCase())}\n${foldScript(`${d.abstract} ${d.tags.join(' ')}`.toLowerCase())}`;
}

/** A word a person typed, as it is compared with `searchText`. */
export function searchWord(word: string): string {
  return foldScript(word.trim().toLowerCase());
}

/** `LIKE` pattern for text containing `word`, its wildcards escaped. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
