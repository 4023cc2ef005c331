import { PORTAL_REQUEST_HEADER } from '../api/portal-api.js';

/** The gateway's own sign-in page, coming back to `next` (a same-origin path) afterwards. */
export function loginUrl(next: string): string {
  const path = next.startsWith('/') && !next.startsWith('//') ? next : '/';
  return path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`;
}

/** Where the person is now, as a path the gateway accepts for `next`. */
export function currentPath(location: Pick<Location, 'pathname' | 'search' | 'hash'> = window.location): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

/** The session ended (a 401): to the sign-in page, back here afterwards. */
export function redirectToLogin(): void {
  window.location.assign(loginUrl(currentPath()));
}

/**
 * Signs out: the gateway ends the session on the server (and revokes its token) and clears the
 * cookie; the sign-in page follows whatever it answered, so a dead session still leaves.
 */
export async function signOut(fetchImpl: typeof fetch = fetch): Promise<void> {
  await fetchImpl('/logout', { method: 'POST', credentials: 'same-origin', headers: PORTAL_REQUEST_HEADER }).catch(
    () => undefined,
  );
  window.location.assign('/login');
}
