import type { FieldProblem } from '@govdata/web-ui';
import type { ColumnDecision, ColumnDecisionBody, ReviewColumn } from '@/api/types/open-data.js';

/** What the reviewer has chosen for one row of the column table so far. */
export interface ColumnChoice {
  decision: ColumnDecision | null;
  /** The masking rule's name when the decision is 脱敏; '' until one is chosen. */
  mask: string;
}

/**
 * The `columns` of a decision body: the rows decided so far, in table order (an undecided row is
 * left out, so the API names it under `columns`), and which table row each body entry came from.
 */
export function decidedColumns(
  columns: readonly ReviewColumn[],
  choices: readonly ColumnChoice[],
): { columns: ColumnDecisionBody[]; rows: number[] } {
  const body: ColumnDecisionBody[] = [];
  const rows: number[] = [];
  columns.forEach((c, row) => {
    const choice = choices[row];
    if (!choice?.decision) return;
    body.push({
      mountId: c.mountId,
      column: c.column,
      decision: choice.decision,
      ...(choice.decision === 'mask' && choice.mask ? { mask: choice.mask as ColumnDecisionBody['mask'] } : {}),
    });
    rows.push(row);
  });
  return { columns: body, rows };
}

/**
 * The API names a column by its place in the body (`columns.1.decision`); the page shows it beside
 * the table row it came from (`columns.3.decision` when rows 1 and 2 were left undecided).
 */
export function problemsByRow(problems: readonly FieldProblem[], rows: readonly number[]): FieldProblem[] {
  return problems.map((p) => {
    const match = /^columns[.[](\d+)\]?(\..+)?$/.exec(p.path);
    const row = match ? rows[Number(match[1])] : undefined;
    return row === undefined ? p : { ...p, path: `columns.${row}${match![2] ?? ''}` };
  });
}

/** The form fields the API's errors may name, for `useFieldErrors`. */
export function decisionFields(rowCount: number): string[] {
  const fields = ['decision', 'domain', 'licence', 'confidentialityChecked', 'personalInformationChecked', 'columns'];
  for (let row = 0; row < rowCount; row++) {
    fields.push(`columns.${row}.decision`, `columns.${row}.mask`, `columns.${row}.column`);
  }
  return fields;
}
