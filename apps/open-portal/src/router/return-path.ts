import type { LocationQueryValue } from 'vue-router';

/**
 * The page to return to after signing in, from `?next=`: a path of this portal only (`/datasets/…`),
 * never another origin (`//host`, `https:`), so that the link cannot send a person elsewhere.
 */
export function returnPath(next: LocationQueryValue | LocationQueryValue[] | undefined): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return undefined;
  }
  return next;
}
