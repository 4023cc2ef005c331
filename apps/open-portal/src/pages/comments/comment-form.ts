import type { ApiError } from '@govdata/web-ui';

/**
 * The seconds to wait before commenting again when the service answered 429 (its problem body's
 * `retryAfterSeconds`, the same as the Retry-After header), or null for any other answer.
 */
export function retryAfterSeconds(error: ApiError): number | null {
  if (error.status !== 429) return null;
  const seconds = error.problem['retryAfterSeconds'];
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : 0;
}

/** A wait as people say it: whole minutes from a minute up, else seconds. */
export function waitOf(seconds: number): { minutes: number } | { seconds: number } {
  return seconds >= 60 ? { minutes: Math.ceil(seconds / 60) } : { seconds };
}
