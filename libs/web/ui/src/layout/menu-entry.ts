/** One entry of the side menu: a link, or a labelled group of links. */
export interface MenuEntry {
  key: string;
  label: string;
  /** The route path the entry opens; absent for a group. */
  to?: string;
  children?: MenuEntry[];
}
