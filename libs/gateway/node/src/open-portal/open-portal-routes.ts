/**
 * What the open-data portal's port relays to the open-data service: its REST API, CKAN's action API
 * and the DCAT-AP catalog files. Nothing else of the node (sign-in, the staff API, probes) is there.
 */
const OPEN_DATA_API = /^\/(?:api\/v1\/open-data(?:\/|$)|api\/3(?:\/|$)|catalog\.(?:ttl|jsonld|rdf)$)/;

/** Paths that are the node's and never a page of the open portal: answered 404 on its port. */
const NOT_OPEN_PORTAL = /^\/(?:api|login|logout|healthz|readyz|metrics|catalog\.[a-z]+)(?:\/|$)/;

/** Is this path (without its query) relayed to the open-data service? */
export function isOpenDataApiPath(path: string): boolean {
  return OPEN_DATA_API.test(path);
}

/** Is this path (without its query) a file or history route of the open portal? */
export function isOpenPortalPagePath(path: string): boolean {
  return !NOT_OPEN_PORTAL.test(path);
}

/**
 * 开放门户会话 cookie — the one cookie the open portal's port passes to the open-data service (the
 * open-data service names it too: `people/open-session-cookie.ts`). Staff sessions never share it.
 */
export const OPEN_SESSION_COOKIE = 'govdata_open_session';

/** The Cookie header to relay: the open-portal session cookie alone, or nothing. */
export function openPortalCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== OPEN_SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? `${OPEN_SESSION_COOKIE}=${value}` : undefined;
  }
  return undefined;
}
