import type { RouteContentSecurityPolicy } from '@govdata/platform-service';

/** Paths that are never the portal's: the API, the sign-in routes, probes and metrics. */
const NOT_PORTAL = /^\/(?:api|login|logout|healthz|readyz|metrics)(?:\/|$)/;

/** Answers of the node that are JSON or plain text, never a page. */
const NOT_PAGES = /^\/(?:api|healthz|readyz|metrics)(?:\/|$)/;

/** Does a GET of this path belong to the portal (a file of it, or one of its history routes)? */
export function isPortalPath(path: string): boolean {
  return !NOT_PORTAL.test(path);
}

/** Where the portal's files are (`/assets/…`, content-hashed, cached for a year). */
export const ASSETS_PREFIX = '/assets/';

/**
 * The portal's pages and the sign-in page: scripts and styles from this origin only (Element Plus
 * sets inline styles, so those are allowed; inline scripts and eval are not), API calls to this
 * origin, no framing, no plugins, forms posting only here.
 */
export const PORTAL_CONTENT_SECURITY_POLICY: RouteContentSecurityPolicy = {
  appliesTo: (path) => !NOT_PAGES.test(path),
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'object-src': ["'none'"],
  },
};
