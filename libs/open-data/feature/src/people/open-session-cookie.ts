/**
 * 开放门户会话 cookie — its own name, never the staff portal's (`govdata_session`): the open portal's
 * port passes exactly this cookie through to the open-data service (see libs/gateway/node
 * `open-portal/open-portal-routes.ts`, which names it too) and drops every other.
 */
export const OPEN_SESSION_COOKIE = 'govdata_open_session';

/** 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The session token of the request's Cookie header, if it carries a well-formed one. */
export function readOpenSessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== OPEN_SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return TOKEN.test(value) ? value : undefined;
  }
  return undefined;
}

/** A browser-session cookie, never readable by scripts nor sent by another site's request; Secure over TLS. */
export function openSessionCookie(token: string, secure: boolean): string {
  return `${OPEN_SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedOpenSessionCookie(secure: boolean): string {
  return `${OPEN_SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
