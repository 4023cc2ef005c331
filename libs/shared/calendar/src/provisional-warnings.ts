const warned = new Set<number>();

/**
 * True the first time this process counts on the provisional calendar of `year`: callers log one
 * warning per missing notice, not one per due date.
 */
export function firstProvisionalUse(year: number): boolean {
  if (warned.has(year)) return false;
  warned.add(year);
  return true;
}
