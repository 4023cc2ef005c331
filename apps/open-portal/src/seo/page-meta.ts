/**
 * The tab's title and the page's meta description, for people and for search engines (which run
 * the portal's script): each page sets them from what it shows.
 */
export function setPageMeta(title: string, description: string, doc: Document = document): void {
  doc.title = title;
  let meta = doc.head.querySelector<HTMLMetaElement>('meta[name="description"]');
  if (!meta) {
    meta = doc.createElement('meta');
    meta.name = 'description';
    doc.head.appendChild(meta);
  }
  meta.content = description.replace(/\s+/g, ' ').trim().slice(0, 160);
}
