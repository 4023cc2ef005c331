/** Where a signed-in browser goes when `next` is missing or refused. */
export const DEFAULT_NEXT_PATH = '/';

const BASE = 'http://portal.invalid';

/**
 * The `next` of the sign-in page, only as a path of this origin (no open redirect): `https://x`,
 * `//x`, `/\x`, control characters and anything that resolves elsewhere become `/`; so do the
 * sign-in and sign-out pages themselves.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2_048) return DEFAULT_NEXT_PATH;
  // Browsers read `\` as `/` and drop tabs and newlines: refuse them rather than guess.
  if (!next.startsWith('/') || next.startsWith('//') || [...next].some(unsafeCharacter)) {
    return DEFAULT_NEXT_PATH;
  }
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return DEFAULT_NEXT_PATH;
  }
  if (url.origin !== BASE || /^\/(?:login|logout)(?:\/|$)/.test(url.pathname)) return DEFAULT_NEXT_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}

function unsafeCharacter(c: string): boolean {
  const code = c.charCodeAt(0);
  return c === '\\' || code < 0x20 || code === 0x7f;
}
