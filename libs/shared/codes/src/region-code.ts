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
  if (!/^\d{6}$/.test(code)) return 'GB/T 2260 行政区划代码为 6 位数字 (a GB/T 2260 division code has 6 digits)';
  if (code === '100000') return null;
  if (regionName(code) === undefined) {
    return `${code} 不是 ${REGION_DATA_YEAR} 年 GB/T 2260 数据中的行政区划代码 (${code} is not a division in the GB/T 2260 data of ${REGION_DATA_YEAR})`;
  }
  return null;
}
