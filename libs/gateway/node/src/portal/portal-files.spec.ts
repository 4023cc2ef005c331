import { portalRelativePath } from './portal-files.js';
import { isPortalPath } from './portal-routes.js';

describe('the portal’s paths', () => {
  it('maps a URL path into the portal folder, decoded', () => {
    expect(portalRelativePath('/')).toBe('');
    expect(portalRelativePath('/assets/index-B3x9.js')).toBe('assets/index-B3x9.js');
    expect(portalRelativePath('/catalog//%E7%9B%AE%E5%BD%95')).toBe('catalog/目录');
  });

  it.each(['/../secret', '/%2e%2e/secret', '/assets/..%2fsecret', '/a%5c..%5csecret', '/.env', '/%E4', '/a%00b'])(
    'refuses %s, which could leave the folder or show a hidden file',
    (path) => {
      expect(portalRelativePath(path)).toBeUndefined();
    },
  );

  it('leaves the API, sign-in, probes and metrics to their own routes', () => {
    for (const path of ['/api', '/api/v1/x', '/login', '/logout', '/healthz', '/readyz', '/metrics']) {
      expect(isPortalPath(path), path).toBe(false);
    }
    for (const path of ['/', '/catalog', '/apis', '/login-help', '/assets/a.js'])
      expect(isPortalPath(path), path).toBe(true);
  });
});
