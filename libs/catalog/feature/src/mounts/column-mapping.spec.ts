import { checkMappedColumns, checkMappedItems } from './column-mapping.js';

const items = ['姓名', '公民身份号码', '出生日期'];
const columns = [
  { name: 'xm', dataType: 'character varying', nullable: false },
  { name: 'sfzh', dataType: 'character', nullable: false },
  { name: 'CSRQ', dataType: 'date', nullable: true },
];

describe('column ↔ item mapping', () => {
  it("maps to the entry's items as people write them (width and spaces do not matter)", () => {
    const { items: resolved, problems } = checkMappedItems(
      [
        { column: 'xm', item: ' 姓 名' },
        { column: 'sfzh', item: '公民身份号码' },
      ],
      items,
    );
    expect(problems).toEqual([]);
    expect(resolved).toEqual(['姓名', '公民身份号码']);
  });

  it('names an item the entry does not have, and items or columns mapped twice', () => {
    const { problems } = checkMappedItems(
      [
        { column: 'xm', item: '姓名' },
        { column: 'xm', item: '曾用名' },
        { column: 'sfzh', item: '姓名' },
      ],
      items,
    );
    expect(problems.map((p) => [p.path, p.rule])).toEqual([
      ['columnMapping.1.item', 'item-of-entry'],
      ['columnMapping.1.column', 'unique'],
      ['columnMapping.2.item', 'unique'],
    ]);
  });

  it('checks columns against the real table and suggests the spelling that differs only in case', () => {
    const mapping = [
      { column: 'xm', item: '姓名' },
      { column: 'csrq', item: '出生日期' },
      { column: 'zz', item: '公民身份号码' },
    ];
    const { mapped, problems } = checkMappedColumns(
      mapping,
      ['姓名', '出生日期', '公民身份号码'],
      columns,
      'public.person',
    );
    expect(mapped).toEqual([{ column: 'xm', columnType: 'character varying', item: '姓名' }]);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'columnMapping.1.column',
        rule: 'column-exists',
        message: expect.stringContaining('did you mean CSRQ'),
      }),
      expect.objectContaining({ path: 'columnMapping.2.column', rule: 'column-exists' }),
    ]);
  });
});
