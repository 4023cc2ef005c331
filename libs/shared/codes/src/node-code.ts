import { checkUscc } from './unified-social-credit-code.js';

/** 平台层级 — the level of a platform in the "1+32+N" tree. */
export const NODE_LEVELS = ['national', 'provincial', 'municipal', 'ministry'] as const;
export type NodeLevel = (typeof NODE_LEVELS)[number];

export const NATIONAL_NODE_CODE = '100000';

/**
 * Why a node code is not acceptable for the given level, or null when it is.
 * Regional nodes use the 6-digit GB/T 2260 division code, national is `100000`,
 * a ministry node uses its 18-character unified social credit code.
 */
export function nodeCodeProblem(code: string, level: NodeLevel): string | null {
  switch (level) {
    case 'national':
      return code === NATIONAL_NODE_CODE
        ? null
        : `国家节点的代码为 ${NATIONAL_NODE_CODE} (the national node's code is ${NATIONAL_NODE_CODE})`;
    case 'provincial':
      return /^[1-8]\d0000$/.test(code) && code !== NATIONAL_NODE_CODE
        ? null
        : '省级节点代码为 GB/T 2260 省级行政区划代码：2 位数字加 0000（如 360000） (a provincial node code is a GB/T 2260 province code: 2 digits then 0000 (e.g. 360000))';
    case 'municipal':
      return /^[1-8]\d(?!00)\d{2}00$/.test(code)
        ? null
        : '市级节点代码为 GB/T 2260 地级行政区划代码：4 位数字加 00（如 360100） (a municipal node code is a GB/T 2260 prefecture code: 4 digits then 00 (e.g. 360100))';
    case 'ministry': {
      const check = checkUscc(code);
      return check.wellFormed
        ? null
        : '部委节点代码为其 18 位统一社会信用代码（GB 32100） (a ministry node code is its 18-character unified social credit code (GB 32100))';
    }
  }
}

/** The province a regional code belongs to (`360100` → `360000`). */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}
