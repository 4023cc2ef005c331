import { isOpenDataApiPath, isOpenPortalPagePath, openPortalCookie } from './open-portal-routes.js';

describe('the open portal port’s paths', () => {
  it('relays the open-data API, CKAN’s action API and the DCAT catalog files, nothing else of the node', () => {
    for (const path of [
      '/api/v1/open-data',
      '/api/v1/open-data/datasets',
      '/api/3/action/package_show',
      '/catalog.ttl',
    ]) {
      expect(isOpenDataApiPath(path), path).toBe(true);
    }
    for (const path of [
      '/api/v1/catalog/entries',
      '/api/v1/open-data-x',
      '/api/v1/auth/token',
      '/api/30',
      '/catalog.ttl/x',
      '/catalog.csv',
      '/login',
    ]) {
      expect(isOpenDataApiPath(path), path).toBe(false);
    }
  });

  it('leaves the node’s own paths out of the portal’s pages (they answer 404 there)', () => {
    for (const path of [
      '/api',
      '/api/v1/catalog/entries',
      '/login',
      '/logout',
      '/healthz',
      '/readyz',
      '/metrics',
      '/catalog.csv',
    ]) {
      expect(isOpenPortalPagePath(path), path).toBe(false);
    }
    for (const path of ['/', '/datasets', '/datasets/abc', '/assets/a.js', '/sitemap.xml', '/catalogue']) {
      expect(isOpenPortalPagePath(path), path).toBe(true);
    }
  });

  it('passes exactly the open portal’s session cookie on, never the staff session cookie', () => {
    expect(openPortalCookie('govdata_session=abc; govdata_open_session=tok_1; other=x')).toBe(
      'govdata_open_session=tok_1',
    );
    expect(openPortalCookie('govdata_session=abc; other=x')).toBeUndefined();
    expect(openPortalCookie(undefined)).toBeUndefined();
    expect(openPortalCookie('govdata_open_session=bad value')).toBeUndefined();
  });
});
