import divisions from './data/gbt2260-2023.json' with { type: 'json' };

/** The year of the GB/T 2260 division data the platform checks region codes against. */
export const REGION_DATA_YEAR = 2023;

const NAMES: Readonly<Record<string, string>> = divisions;

/** 行政区划名称 of a 6-digit GB/T 2260 code, or undefined when the data does not know it. */
export function regionName(code: string): string | undefined {
  return Object.hasOwn(NAMES, code) ? NAMES[code] : undefined;
}

/**
 * Why a region code is not acceptable, or null: it must be six digits and a province, prefecture or
 * county in the division data (`100000`, the national node's code, stands for the whole country).
 */
export function regionCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return 'a GB/T 2260 division code has 6 digits';
  if (code === '100000') return null;
  if (regionName(code) === undefined) {
    return `${code} is not a division in the GB/T 2260 data of ${REGION_DATA_YEAR}`;
  }
  return null;
}
