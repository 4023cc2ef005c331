import { sitemapXml } from './sitemap.js';

describe('the open portal’s sitemap', () => {
  it('lists the home, the catalog and each dataset page with the day it last changed', () => {
    const xml = sitemapXml('https://data.example.gov.cn', [
      { id: '6d1f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50', metadataModified: '2026-12-01T08:00:00.000Z' },
    ]);
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain('<url><loc>https://data.example.gov.cn/</loc></url>');
    expect(xml).toContain('<url><loc>https://data.example.gov.cn/datasets</loc></url>');
    expect(xml).toContain(
      '<url><loc>https://data.example.gov.cn/datasets/6d1f0f4e-3c55-4a39-9a0e-0f1c2d3e4f50</loc><lastmod>2026-12-01</lastmod></url>',
    );
  });

  it('escapes what XML reserves', () => {
    expect(sitemapXml('http://a&b', [])).toContain('<loc>http://a&amp;b/</loc>');
  });
});
