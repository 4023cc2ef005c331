import ExcelJS from 'exceljs';

/**
 * Catalog workbooks as staff fill them in from the import template, for the tests that upload one
 * (the catalog's Excel integration test and the portal's import page). The headers are written out
 * as a person sees them, not taken from the code under test.
 */

/** The entry sheet's headers as the template shows them (a user's own workbook uses the same). */
export const ENTRY_HEADERS = [
  '序号',
  '信息资源分类',
  '信息资源名称',
  '信息资源代码',
  '信息资源摘要',
  '格式分类',
  '格式说明',
  '共享类型',
  '共享条件',
  '不予共享依据',
  '共享方式',
  '开放类型',
  '开放条件',
  '更新周期',
  '数据分级',
  '一般数据级别',
  '行政区划代码',
  '标签',
];
export const ITEM_HEADERS = ['资源序号', '信息项名称', '数据类型', '数据长度', '数据元标识'];

export type Cells = Record<string, string | number | undefined>;

export function entryRow(serial: number | string, cells: Cells = {}): Cells {
  return {
    序号: serial,
    信息资源分类: '101001 人口基本信息',
    信息资源名称: `人口基本信息${serial}`,
    信息资源摘要: '本省户籍人口的基本信息',
    格式分类: '数据库',
    共享类型: '有条件共享',
    共享条件: '仅用于依法履职',
    共享方式: '共享平台方式',
    开放类型: '不予开放',
    更新周期: '每日',
    数据分级: '一般数据',
    一般数据级别: '3级',
    行政区划代码: '360000',
    标签: '人口、身份',
    ...cells,
  };
}

export function itemRows(serial: number | string, cells: Cells = {}): Cells[] {
  return [
    { 资源序号: serial, 信息项名称: '姓名', 数据类型: '字符型C', 数据长度: 50 },
    {
      资源序号: serial,
      信息项名称: '公民身份号码',
      数据类型: '字符型C',
      数据长度: 18,
      数据元标识: 'DE00001',
      ...cells,
    },
  ];
}

/** A workbook as staff fill it in: the two sheets, header row, one row per entry / item. */
export async function workbook(entries: Cells[], items: Cells[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const entrySheet = book.addWorksheet('信息资源目录');
  entrySheet.addRow(ENTRY_HEADERS);
  for (const e of entries) entrySheet.addRow(ENTRY_HEADERS.map((h) => e[h] ?? null));
  const itemSheet = book.addWorksheet('信息项');
  itemSheet.addRow(ITEM_HEADERS);
  for (const i of items) itemSheet.addRow(ITEM_HEADERS.map((h) => i[h] ?? null));
  return new Uint8Array(await book.xlsx.writeBuffer());
}
