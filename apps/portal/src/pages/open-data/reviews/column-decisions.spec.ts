import { describe, expect, it } from 'vitest';
import type { ReviewColumn } from '@/api/types/open-data.js';
import { decidedColumns, problemsByRow } from './column-decisions.js';

const column = (name: string, item: string): ReviewColumn => ({
  resource: 'person表',
  mountId: 'm1',
  column: name,
  columnType: 'varchar',
  item,
  decision: null,
  mask: null,
});
const COLUMNS = [
  column('xm', '姓名'),
  column('sfzh', '公民身份号码'),
  column('xb', '性别'),
  column('csrq', '出生日期'),
];

describe('column decisions', () => {
  it('sends the decided rows in table order, a mask only with 脱敏, and leaves undecided rows out', () => {
    const { columns, rows } = decidedColumns(COLUMNS, [
      { decision: 'mask', mask: 'name-keep-surname' },
      { decision: null, mask: '' },
      { decision: 'open', mask: 'redact' },
      { decision: 'withhold', mask: '' },
    ]);
    expect(columns).toEqual([
      { mountId: 'm1', column: 'xm', decision: 'mask', mask: 'name-keep-surname' },
      { mountId: 'm1', column: 'xb', decision: 'open' },
      { mountId: 'm1', column: 'csrq', decision: 'withhold' },
    ]);
    expect(rows).toEqual([0, 2, 3]);
  });

  it("puts the API's errors on the table row the body entry came from", () => {
    const problems = problemsByRow(
      [
        { path: 'columns.1.decision', rule: 'personal-information', message: '含个人信息' },
        { path: 'columns[0].mask', message: '须选择脱敏规则' },
        { path: 'columns', rule: 'every-column-decided', message: '须决定' },
        { path: 'domain', message: '须选择主题领域' },
      ],
      [0, 3],
    );
    expect(problems.map((p) => p.path)).toEqual(['columns.3.decision', 'columns.0.mask', 'columns', 'domain']);
  });
});
