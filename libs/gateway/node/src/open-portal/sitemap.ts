/** One dataset page of the open portal as the sitemap lists it. */
export interface SitemapDataset {
  id: string;
  metadataModified: string;
}

/** sitemaps.org caps a sitemap file at 50 000 addresses. */
export const SITEMAP_MAX_URLS = 50_000;

/**
 * sitemap.xml of the open portal: the home and catalog pages, then each open dataset's page with
 * the day its metadata last changed. `origin` is the portal's public address, without a trailing slash.
 */
export function sitemapXml(origin: string, datasets: readonly SitemapDataset[]): string {
  const url = (path: string, lastmod?: string) =>
    `  <url><loc>${escapeXml(`${origin}${path}`)}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ''}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url('/'),
    url('/datasets'),
    ...datasets
      .slice(0, SITEMAP_MAX_URLS - 2)
      .map((d) => url(`/datasets/${encodeURIComponent(d.id)}`, d.metadataModified)),
    '</urlset>',
    '',
  ].join('\n');
}

function escapeXml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}
