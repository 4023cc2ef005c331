/** Rule codes of a 404 about the catalog entries an application names (not a 422: the entry is not there). */
export enum EntryLookupRule {
  /** No published entry with that id or code, here or at the node its code names. */
  PublishedEntry = 'published-entry',
}
