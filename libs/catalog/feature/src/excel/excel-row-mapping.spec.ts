import { entryContentSchema, type EntryContent } from '../entries/entry-content.js';
import type { EntryColumnKey, ItemColumnKey } from './excel-columns.js';
import {
  contentProblems,
  entryFromRows,
  entryRowValues,
  itemRowValues,
  locateProblem,
  normaliseSerial,
  sameContent,
  type CellValue,
  type SheetRow,
} from './excel-row-mapping.js';

const sheets = { entries: '信息资源目录', items: '信息项' };

function entryRow(cells: Partial<Record<EntryColumnKey, CellValue>>, row = 5): SheetRow<EntryColumnKey> {
  return {
    row,
    cells: {
      serial: 1,
      classification: '101001 人口基本信息',
      name: '人口基本信息',
      abstract: '本省户籍人口的基本信息',
      formatCategory: '数据库',
      formatDetail: 'PostgreSQL',
      sharingType: '有条件共享',
      sharingConditions: '仅用于依法履职',
      sharingMethods: '共享平台方式、介质方式',
      openType: '不予开放',
      updateCycle: '每日',
      gradeCategory: '一般数据',
      gradeLevel: '3级',
      classified: '否',
      regionCode: 360000,
      tags: '人口，身份',
      ...cells,
    },
  };
}

function itemRow(row: number, cells: Partial<Record<ItemColumnKey, CellValue>>): SheetRow<ItemColumnKey> {
  return { row, cells: { entrySerial: 1, ...cells } };
}

const items = [
  itemRow(3, { name: '姓名', dataType: '字符型C', length: 50 }),
  itemRow(4, { name: '公民身份号码', dataType: '字符型C', length: '18', dataElement: 'DE00001' }),
  itemRow(7, { name: '出生日期', dataType: '日期型D' }),
];

describe('entryFromRows', () => {
  it('names a cell holding a NUL or a lone surrogate instead of passing it on to the database', () => {
    const draft = entryFromRows(sheets, entryRow({ name: '人口\u0000基本信息', abstract: '摘要\ud800' }), items);
    expect(draft.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 5, column: '信息资源名称', field: 'content.name', rule: 'no-nul' }),
        expect.objectContaining({
          row: 5,
          column: '信息资源摘要',
          field: 'content.abstract',
          rule: 'well-formed-unicode',
        }),
      ]),
    );
    expect(JSON.stringify(draft.content)).not.toContain('\\u0000');
  });

  it('maps a row in Chinese labels to the content the API accepts', () => {
    const draft = entryFromRows(sheets, entryRow({}), items);

    expect(draft.problems).toEqual([]);
    expect(draft.serial).toBe('1');
    expect(draft.itemRows).toEqual([3, 4, 7]);
    expect(draft.content).toEqual({
      name: '人口基本信息',
      abstract: '本省户籍人口的基本信息',
      classificationCode: '101001',
      classified: false,
      grade: { category: 'general', level: 3 },
      sharing: { type: 'conditional', conditions: '仅用于依法履职', methods: ['platform', 'media'] },
      open: { type: 'none' },
      format: { category: 'database', detail: 'PostgreSQL' },
      updateCycle: 'daily',
      regionCode: '360000',
      tags: ['人口', '身份'],
      items: [
        { name: '姓名', dataType: 'C', length: 50 },
        { name: '公民身份号码', dataType: 'C', length: 18, dataElement: 'DE00001' },
        { name: '出生日期', dataType: 'D' },
      ],
    });
    expect(entryContentSchema.safeParse(draft.content).success).toBe(true);
  });

  it('accepts the English keys and labels as well', () => {
    const draft = entryFromRows(
      sheets,
      entryRow({
        sharingType: 'unconditional',
        sharingConditions: undefined,
        sharingMethods: 'platform, E-mail',
        openType: 'Open on conditions',
        openConditions: '实名申请',
        updateCycle: 'Monthly',
        formatCategory: 'api',
        gradeCategory: 'important',
        gradeLevel: undefined,
      }),
      [itemRow(3, { name: 'ID', dataType: 'C', length: 18 })],
    );

    expect(draft.problems).toEqual([]);
    expect(draft.content).toMatchObject({
      sharing: { type: 'unconditional', methods: ['platform', 'email'] },
      open: { type: 'conditional', conditions: '实名申请' },
      updateCycle: 'monthly',
      format: { category: 'api' },
      grade: { category: 'important' },
    });
  });

  it.each([[3], ['3'], ['3级'], ['L3'], ['三级'], ['第3级']])('reads the grade level %s as 3', (level) => {
    const draft = entryFromRows(sheets, entryRow({ gradeLevel: level }), items);
    expect(draft.problems).toEqual([]);
    expect((draft.content['grade'] as { level: number }).level).toBe(3);
  });

  it('names the cell of every value it cannot read, with the allowed values', () => {
    const draft = entryFromRows(sheets, entryRow({ sharingType: '部分共享', name: '  ', gradeLevel: '五级' }), [
      itemRow(3, { name: '姓名', dataType: '文本', length: 'abc' }),
    ]);

    expect(draft.problems).toEqual([
      expect.objectContaining({
        sheet: '信息资源目录',
        row: 5,
        column: '信息资源名称',
        field: 'content.name',
        rule: 'required',
      }),
      expect.objectContaining({ column: '一般数据级别', field: 'content.grade.level', rule: 'enum' }),
      expect.objectContaining({
        column: '共享类型',
        field: 'content.sharing.type',
        rule: 'enum',
        message: expect.stringContaining('无条件共享、有条件共享、不予共享'),
      }),
      expect.objectContaining({
        sheet: '信息项',
        row: 3,
        column: '数据类型',
        field: 'content.items.0.dataType',
        rule: 'enum',
      }),
      expect.objectContaining({
        sheet: '信息项',
        row: 3,
        column: '数据长度',
        field: 'content.items.0.length',
        rule: 'integer',
      }),
    ]);
  });

  it('reports an Excel error value in a cell as such', () => {
    const draft = entryFromRows(sheets, entryRow({ regionCode: { error: '#N/A' } }), items);
    expect(draft.problems).toEqual([
      expect.objectContaining({
        column: '行政区划代码',
        rule: 'excel-error',
        message: expect.stringContaining('#N/A'),
      }),
    ]);
  });

  it('keeps the 信息资源代码 of a row that edits an existing entry', () => {
    const draft = entryFromRows(sheets, entryRow({ code: '101001/360000000001' }), items);
    expect(draft.code).toBe('101001/360000000001');
  });
});

describe('contentProblems', () => {
  it("adds the API's own rules to what the mapping found, without repeating a cell", () => {
    const draft = entryFromRows(sheets, entryRow({ sharingType: '部分共享', regionCode: '36' }), [
      itemRow(3, { name: '姓名', dataType: '字符型C' }),
    ]);
    const problems = [...draft.problems, ...contentProblems(sheets, draft)];

    // 共享类型 once (the mapping's message, not zod's), then the schema's rules in its own order.
    expect(problems.map((p) => [p.sheet, p.row, p.column, p.rule])).toEqual([
      ['信息资源目录', 5, '共享类型', 'enum'],
      ['信息项', 3, '数据长度', 'length-required'],
      ['信息资源目录', 5, '行政区划代码', 'invalid_format'],
    ]);
  });

  it('is empty for a row the mapping read cleanly', () => {
    const draft = entryFromRows(sheets, entryRow({}), items);
    expect(contentProblems(sheets, draft)).toEqual([]);
  });
});

describe('locateProblem', () => {
  const draft = entryFromRows(sheets, entryRow({}), items);

  it.each([
    ['content.items.1.length', '信息项', 4, '数据长度'],
    ['content.items.2', '信息项', 7, null],
    ['content.sharing.methods.0', '信息资源目录', 5, '共享方式'],
    ['content.grade', '信息资源目录', 5, '数据分级'],
    ['content.classificationCode', '信息资源目录', 5, '信息资源分类'],
    ['content.items', '信息资源目录', 5, '序号'],
    ['code', '信息资源目录', 5, '信息资源代码'],
    ['organisationId', '信息资源目录', 5, null],
  ])('puts %s on sheet %s row %i column %s', (path, sheet, row, column) => {
    const located = locateProblem(sheets, draft, { path, rule: 'x', message: 'm' });
    expect(located).toMatchObject({ sheet, row, column, field: path, rule: 'x' });
  });

  it('tells where to add items when an entry has none', () => {
    const located = locateProblem(sheets, draft, { path: 'content.items', rule: 'too_small', message: 'at least one' });
    expect(located.message).toContain('资源序号为 1');
  });
});

describe('export rows', () => {
  const content: EntryContent = entryContentSchema.parse({
    name: '企业登记信息',
    abstract: '企业设立、变更、注销登记信息',
    classificationCode: '102002',
    grade: { category: 'general', level: 2 },
    sharing: { type: 'unconditional', methods: ['platform', 'email'] },
    open: { type: 'conditional', conditions: '实名申请' },
    format: { category: 'database' },
    updateCycle: 'realtime',
    items: [
      { name: '统一社会信用代码', dataType: 'C', length: 18 },
      { name: '成立日期', dataType: 'D', description: '营业执照上的日期' },
    ],
    relatedCodes: ['101001/360000000001'],
    regionCode: '360000',
    tags: ['企业'],
  });

  it('write the labels staff read and read back to the same content', () => {
    const values = entryRowValues(
      {
        code: '102002/360000000007',
        status: 'published',
        providerName: '江西省市场监督管理局',
        providerCode: '11360000MB17195879',
        publishDate: '2026-03-02',
        content,
      },
      4,
      new Map([['102002', '企业登记信息']]),
    );
    expect(values).toMatchObject({
      serial: 4,
      classification: '102002 企业登记信息',
      code: '102002/360000000007',
      sharingType: '无条件共享',
      sharingMethods: '共享平台方式、邮件方式',
      openType: '有条件开放',
      updateCycle: '实时',
      gradeLevel: '2级',
      classified: '否',
      status: '已发布',
      publishDate: '2026-03-02',
    });

    const itemValues = itemRowValues(content, 4);
    expect(itemValues[0]).toMatchObject({ entrySerial: 4, entryName: '企业登记信息', dataType: '字符型C' });

    const { provider: _p, providerCode: _c, publishDate: _d, status: _s, ...cells } = values;
    const draft = entryFromRows(
      sheets,
      { row: 2, cells },
      itemValues.map((v, i) => ({ row: i + 2, cells: v })),
    );
    expect(draft.problems).toEqual([]);
    expect(sameContent(entryContentSchema.parse(draft.content), content)).toBe(true);
  });
});

describe('normaliseSerial', () => {
  it.each([
    [1, '1'],
    ['1', '1'],
    ['１', '1'],
    [' 12 ', '12'],
    ['3.0', '3'],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(normaliseSerial(input as CellValue)).toBe(expected);
  });
});
