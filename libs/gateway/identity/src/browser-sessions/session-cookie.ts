import type { NodeConfig } from '@govdata/platform-config';
import { servesOverTls } from '@govdata/platform-service';
import type { Request } from 'express';

/** 门户会话 cookie: an opaque id naming a session the gateway keeps in Redis. */
export const SESSION_COOKIE = 'govdata_session';

/**
 * The header every cookie-authenticated unsafe request must carry (POST, PUT, PATCH, DELETE): a
 * page of another origin cannot add it without a CORS preflight the gateway never grants.
 */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'govdata-portal';

const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** 32 random bytes, base64url: what {@link readSessionCookie} accepts as an id. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The session id of the request's cookie, if it carries a well-formed one. */
export function readSessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return SESSION_ID.test(value) ? value : undefined;
  }
  return undefined;
}

/** The Cookie header without the session cookie (undefined when nothing is left), for upstreams. */
export function withoutSessionCookie(header: string): string | undefined {
  const rest = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part.split('=', 1)[0]!.trim() !== SESSION_COOKIE);
  return rest.length > 0 ? rest.join('; ') : undefined;
}

/**
 * `Set-Cookie` for a new session: a browser-session cookie (no Max-Age; the server ends it), never
 * readable by scripts, never sent by another site's request, `Secure` when the node is reached over TLS.
 */
export function sessionCookie(id: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Does this request, if the cookie authenticates it, need {@link CSRF_HEADER}, and lack it? */
export function lacksCsrfHeader(request: Request): boolean {
  return UNSAFE_METHODS.has(request.method) && request.headers['x-requested-with'] !== CSRF_HEADER_VALUE;
}

/** Over TLS — to the gateway, or to the ingress in front of it (the issuer is https) — the cookie is Secure. */
export function cookieSecure(request: Request, config: NodeConfig): boolean {
  return request.secure || servesOverTls(config);
}
