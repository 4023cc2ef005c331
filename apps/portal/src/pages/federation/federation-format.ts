import type { Divergence } from '@/api/types/federation.js';

/** A moment as people on the node read it: `2026-12-07 17:40` in China Standard Time, or `—`. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return shifted.toISOString().replace('T', ' ').slice(0, 16);
}

/** Records that differed in a comparison, every kind together. */
export function divergenceTotal(d: Divergence): number {
  return d.missing + d.behind + d.corrupted + d.orphaned + d.ahead;
}

/** The kinds of difference a comparison found, with their counts (none when in sync). */
export function divergenceParts(d: Divergence): Array<{ kind: keyof Divergence; count: number }> {
  return (['missing', 'behind', 'corrupted', 'orphaned', 'ahead'] as const)
    .filter((kind) => d[kind] > 0)
    .map((kind) => ({ kind, count: d[kind] }));
}

/** A short digest for a table cell (the full one in its title). */
export function shortDigest(digest: string): string {
  return digest.length > 16 ? `${digest.slice(0, 16)}…` : digest;
}

/** The child's code typed to confirm its revocation matches (spaces around it forgiven). */
export function confirmsCode(typed: string, code: string): boolean {
  return typed.trim().toUpperCase() === code.toUpperCase();
}
