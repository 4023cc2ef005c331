import { checkUscc, isGovernmentBodyUscc } from '@govdata/codes';
import type { FieldProblem } from '@govdata/platform-errors';
import type { OrganisationKind } from './organisation.js';
import { OrganisationFieldRule } from './organisation.exception.js';

export interface UsccVerdict {
  /** Set when the code is malformed: the request is refused (400). */
  error?: FieldProblem;
  /** Accepted, but worth a look (GB 32100: early codes may fail the check digit — warn, don't reject). */
  warnings: FieldProblem[];
}

/** Judges a 统一社会信用代码 for an organisation of the given kind. */
export function judgeUscc(uscc: string, kind: OrganisationKind | undefined, path = 'uscc'): UsccVerdict {
  const check = checkUscc(uscc);
  if (!check.wellFormed) {
    const [whatZh, what] =
      check.problem === 'length'
        ? [`须为 18 位（当前 ${uscc.length} 位）`, `must be 18 characters (has ${uscc.length})`]
        : [
            '须由数字和 GB 32100 规定的字母组成（不含 I、O、S、V、Z），并包含 6 位行政区划代码',
            'must use digits and the letters of GB 32100 (no I, O, S, V, Z), with a 6-digit region code',
          ];
    return {
      error: {
        path,
        rule: check.problem === 'length' ? OrganisationFieldRule.UsccLength : OrganisationFieldRule.UsccCharset,
        message: `不是有效的统一社会信用代码：${whatZh} (${what}: not a unified social credit code (统一社会信用代码))`,
      },
      warnings: [],
    };
  }
  const warnings: FieldProblem[] = [];
  if (!check.checkDigitValid) {
    warnings.push({
      path,
      rule: OrganisationFieldRule.UsccCheckDigit,
      message: `按 GB 32100 校验位应为 ${check.expectedCheckDigit}；部分早期代码无法通过校验，因此已接受，请核实该代码 (the check digit should be ${check.expectedCheckDigit} by GB 32100; accepted because some early codes fail the check — please verify the code)`,
    });
  }
  if ((kind === 'department' || kind === 'government') && !isGovernmentBodyUscc(uscc)) {
    warnings.push({
      path,
      rule: OrganisationFieldRule.UsccGovernmentPrefix,
      message: 'government bodies (党政机关) normally carry the prefix 11',
    });
  }
  return { warnings };
}
