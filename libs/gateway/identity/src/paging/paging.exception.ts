/** Why a page request is refused (400). */
export enum PagingRule {
  /** The cursor was not returned by a previous page. */
  Cursor = 'cursor',
}
