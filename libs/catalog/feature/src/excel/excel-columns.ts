import { ENTRY_LABELS, type Label } from '../entries/entry-labels.js';
import { foldScript } from '@govdata/text';

/**
 * The two data sheets of the catalog workbook (template, import, export) and their columns.
 *
 * Layout: one row per entry in 信息资源目录, one row per data item in 信息项. An item row names its
 * entry by 资源序号 = the entry row's 序号, because staff already keep item lists as separate tables
 * and a second sheet keeps the entry columns from being repeated (and contradicting each other) on
 * every item line. Columns are found by their header text, so users may reorder them or add their
 * own; the platform's columns (代码, 提供方, 发布日期, 状态) are filled on export and ignored on import.
 */

export const ENTRY_SHEET = '信息资源目录';
export const ITEM_SHEET = '信息项';
export const INSTRUCTIONS_SHEET = '填写说明';
export const CODE_TABLE_SHEET = '分类代码表';

/** Rows whose 序号 (or 资源序号) is this are examples and never imported. */
export const EXAMPLE_SERIAL = '示例';
/** Rows per workbook the import accepts; a larger catalog is imported in several files. */
export const MAX_ENTRY_ROWS = 20_000;
export const MAX_ITEM_ROWS = 200_000;
/** Uploads above this many bytes are refused before they are parsed. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Rows of the template and exports that carry drop-downs and input prompts. */
export const VALIDATED_ROWS = MAX_ENTRY_ROWS + 1;

export type ColumnKind =
  | 'text'
  | 'serial'
  | 'integer'
  | 'enum'
  | 'enum-list'
  | 'list'
  | 'classification'
  | 'boolean'
  | 'grade-level'
  /** 信息资源代码: assigned by the platform; filled in, it names the existing entry to edit. */
  | 'entry-code'
  /** Filled by the platform on export; never read on import. */
  | 'platform';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** The header users see (zh-CN). */
  header: string;
  /** English header, also accepted on import. */
  headerEn: string;
  /** Other headers people use for the same column (older templates, the guideline's wording). */
  aliases?: string[];
  kind: ColumnKind;
  required: boolean;
  width: number;
  /** Labels of the enumerated values, in drop-down order. */
  labels?: Record<string, Label>;
  /** 填写说明: what to enter (zh-CN, shown as the cell prompt too; keep under 255 characters). */
  hint: string;
  example: string | number;
}

/** Values of a multi-valued cell are separated by any of these (Chinese and ASCII punctuation, new line). */
export const LIST_SEPARATOR = /[,，、;；\n]+/;
export const LIST_JOINER = '、';

export const GRADE_LEVEL_LABELS: Record<string, Label> = {
  '1': { zh: '1级', en: 'Level 1' },
  '2': { zh: '2级', en: 'Level 2' },
  '3': { zh: '3级', en: 'Level 3' },
  '4': { zh: '4级', en: 'Level 4' },
};
export const YES_NO_LABELS: Record<'no' | 'yes', Label> = {
  no: { zh: '否', en: 'No' },
  yes: { zh: '是', en: 'Yes' },
};

/** 信息资源目录 — one row per entry, in the order of the guideline's core metadata elements. */
export const ENTRY_COLUMNS = [
  {
    key: 'serial',
    header: '序号',
    headerEn: 'No.',
    kind: 'serial',
    required: true,
    width: 7,
    hint: '本表内唯一的序号（如 1、2、3），信息项表用「资源序号」引用本行。填「示例」的行不导入。',
    example: EXAMPLE_SERIAL,
  },
  {
    key: 'classification',
    header: '信息资源分类',
    headerEn: 'Classification',
    aliases: ['分类代码', '信息资源分类代码'],
    kind: 'classification',
    required: true,
    width: 24,
    hint: '从下拉列表选择，或填写分类代码（类+项[+目[+细目]]，见「分类代码表」），如 101001。',
    example: '101001 人口基本信息',
  },
  {
    key: 'name',
    header: '信息资源名称',
    headerEn: 'Name',
    kind: 'text',
    required: true,
    width: 28,
    hint: '信息资源的中文名称，不超过 200 字。',
    example: '人口基本信息',
  },
  {
    key: 'code',
    header: '信息资源代码',
    headerEn: 'Code',
    kind: 'entry-code',
    required: false,
    width: 26,
    hint: '由平台按编码规则生成，新增时留空。填写已有条目的代码则修改该条目的草稿（草稿或已退回状态）。',
    example: '',
  },
  {
    key: 'provider',
    header: '信息资源提供方',
    headerEn: 'Provider',
    kind: 'platform',
    required: false,
    width: 22,
    hint: '由平台按导入人所属单位填写，无需填写。',
    example: '',
  },
  {
    key: 'providerCode',
    header: '提供方代码',
    headerEn: 'Provider code',
    kind: 'platform',
    required: false,
    width: 22,
    hint: '提供方的统一社会信用代码，由平台填写。',
    example: '',
  },
  {
    key: 'abstract',
    header: '信息资源摘要',
    headerEn: 'Abstract',
    kind: 'text',
    required: true,
    width: 40,
    hint: '说明信息资源的内容、范围和用途，不超过 4000 字。',
    example: '本省户籍人口和常住人口的基本信息，包括姓名、公民身份号码、性别、出生日期和户籍地址。',
  },
  {
    key: 'formatCategory',
    header: '格式分类',
    headerEn: 'Format',
    aliases: ['信息资源格式'],
    kind: 'enum',
    labels: ENTRY_LABELS.formatCategory,
    required: true,
    width: 12,
    hint: '从下拉列表选择信息资源的格式分类。',
    example: '数据库',
  },
  {
    key: 'formatDetail',
    header: '格式说明',
    headerEn: 'Format detail',
    kind: 'text',
    required: false,
    width: 14,
    hint: '具体格式，如 PostgreSQL、xlsx、OFD，不超过 50 字。',
    example: 'PostgreSQL',
  },
  {
    key: 'sharingType',
    header: '共享类型',
    headerEn: 'Sharing type',
    aliases: ['共享属性'],
    kind: 'enum',
    labels: ENTRY_LABELS.sharingType,
    required: true,
    width: 13,
    hint: '从下拉列表选择。有条件共享须填共享条件；不予共享须填不予共享依据。',
    example: '有条件共享',
  },
  {
    key: 'sharingConditions',
    header: '共享条件',
    headerEn: 'Sharing conditions',
    kind: 'text',
    required: false,
    width: 24,
    hint: '有条件共享时必填：使用条件和用途限制。',
    example: '仅用于依法履职，需说明用途',
  },
  {
    key: 'sharingLegalBasis',
    header: '不予共享依据',
    headerEn: 'Legal basis for not sharing',
    kind: 'text',
    required: false,
    width: 24,
    hint: '不予共享时必填：法律、行政法规或政策依据。',
    example: '',
  },
  {
    key: 'sharingMethods',
    header: '共享方式',
    headerEn: 'Sharing methods',
    kind: 'enum-list',
    labels: ENTRY_LABELS.sharingMethod,
    required: false,
    width: 16,
    hint: '无条件或有条件共享时必填。可选多项，用顿号「、」分隔，如：共享平台方式、介质方式。',
    example: '共享平台方式',
  },
  {
    key: 'openType',
    header: '开放类型',
    headerEn: 'Open type',
    aliases: ['开放属性', '是否向社会开放'],
    kind: 'enum',
    labels: ENTRY_LABELS.openType,
    required: true,
    width: 13,
    hint: '从下拉列表选择是否向社会开放。有条件开放须填开放条件。',
    example: '不予开放',
  },
  {
    key: 'openConditions',
    header: '开放条件',
    headerEn: 'Open conditions',
    kind: 'text',
    required: false,
    width: 20,
    hint: '有条件开放时必填。',
    example: '',
  },
  {
    key: 'updateCycle',
    header: '更新周期',
    headerEn: 'Update cycle',
    kind: 'enum',
    labels: ENTRY_LABELS.updateCycle,
    required: true,
    width: 10,
    hint: '从下拉列表选择数据的更新周期。',
    example: '每日',
  },
  {
    key: 'publishDate',
    header: '发布日期',
    headerEn: 'Publish date',
    kind: 'platform',
    required: false,
    width: 12,
    hint: '发布时由平台填写，无需填写。',
    example: '',
  },
  {
    key: 'relatedCodes',
    header: '关联资源代码',
    headerEn: 'Related codes',
    kind: 'list',
    required: false,
    width: 24,
    hint: '相关联的信息资源代码（前段码/后段码），多个用顿号「、」分隔。',
    example: '',
  },
  {
    key: 'gradeCategory',
    header: '数据分级',
    headerEn: 'Grade',
    aliases: ['数据分类分级'],
    kind: 'enum',
    labels: ENTRY_LABELS.gradeCategory,
    required: true,
    width: 11,
    hint: '从下拉列表选择：核心数据、重要数据或一般数据（GB/T 43697）。',
    example: '一般数据',
  },
  {
    key: 'gradeLevel',
    header: '一般数据级别',
    headerEn: 'Level',
    aliases: ['数据级别', '级别'],
    kind: 'grade-level',
    labels: GRADE_LEVEL_LABELS,
    required: false,
    width: 11,
    hint: '一般数据必填 1级–4级（1级不敏感 … 4级敏感）；核心、重要数据留空。',
    example: '3级',
  },
  {
    key: 'classified',
    header: '涉密属性',
    headerEn: 'Classified',
    aliases: ['是否涉密'],
    kind: 'boolean',
    labels: YES_NO_LABELS,
    required: false,
    width: 9,
    hint: '涉密数据不得在平台登记，请填「否」或留空。',
    example: '否',
  },
  {
    key: 'regionCode',
    header: '行政区划代码',
    headerEn: 'Region code',
    kind: 'text',
    required: true,
    width: 12,
    hint: '数据覆盖地区的 6 位行政区划代码（GB/T 2260），如 360000。',
    example: '360000',
  },
  {
    key: 'tags',
    header: '标签',
    headerEn: 'Tags',
    aliases: ['关键字', '关键词'],
    kind: 'list',
    required: false,
    width: 16,
    hint: '便于检索的关键词，每个不超过 30 字，多个用顿号「、」分隔。',
    example: '人口、身份',
  },
  {
    key: 'systemId',
    header: '来源系统标识',
    headerEn: 'Source system',
    kind: 'text',
    required: false,
    width: 20,
    hint: '数据来源的政务信息系统标识（平台系统登记中的 ID），可留空。',
    example: '',
  },
  {
    key: 'status',
    header: '状态',
    headerEn: 'Status',
    kind: 'platform',
    required: false,
    width: 10,
    hint: '导出时由平台填写条目状态，导入时不读取。',
    example: '',
  },
] as const satisfies readonly ColumnSpec[];

/** 信息项 — one row per data item; 资源序号 names the entry row it belongs to. */
export const ITEM_COLUMNS = [
  {
    key: 'entrySerial',
    header: '资源序号',
    headerEn: 'Entry No.',
    kind: 'serial',
    required: true,
    width: 9,
    hint: '所属信息资源在「信息资源目录」表中的序号。同一资源的多个信息项填相同序号。',
    example: EXAMPLE_SERIAL,
  },
  {
    key: 'entryName',
    header: '信息资源名称',
    headerEn: 'Entry name',
    kind: 'platform',
    required: false,
    width: 22,
    hint: '仅供对照查看，导入时以资源序号为准，不读取本列。',
    example: '人口基本信息',
  },
  {
    key: 'name',
    header: '信息项名称',
    headerEn: 'Item name',
    kind: 'text',
    required: true,
    width: 20,
    hint: '信息项（字段）的中文名称，同一资源内不得重复。',
    example: '公民身份号码',
  },
  {
    key: 'dataType',
    header: '数据类型',
    headerEn: 'Data type',
    kind: 'enum',
    labels: ENTRY_LABELS.itemDataType,
    required: true,
    width: 12,
    hint: '从下拉列表选择。字符型C、数值型N、货币型Y须填数据长度。',
    example: '字符型C',
  },
  {
    key: 'length',
    header: '数据长度',
    headerEn: 'Length',
    kind: 'integer',
    required: false,
    width: 9,
    hint: '字符数或数字位数，正整数；字符型C、数值型N、货币型Y必填。',
    example: 18,
  },
  {
    key: 'dataElement',
    header: '数据元标识',
    headerEn: 'Data element',
    kind: 'text',
    required: false,
    width: 14,
    hint: '遵循数据元标准时填写数据元标识符（字母、数字、. _ : -），可留空。',
    example: 'DE00001',
  },
  {
    key: 'description',
    header: '信息项说明',
    headerEn: 'Description',
    aliases: ['说明', '描述'],
    kind: 'text',
    required: false,
    width: 30,
    hint: '信息项的含义或取值说明，不超过 500 字。',
    example: '18 位公民身份号码',
  },
] as const satisfies readonly ColumnSpec[];

export type EntryColumnKey = (typeof ENTRY_COLUMNS)[number]['key'];
export type ItemColumnKey = (typeof ITEM_COLUMNS)[number]['key'];

/**
 * Header text compared the way people write it: no spaces, marks of "required", width, case or
 * script (a template with traditional headings imports as one with simplified ones).
 */
export function normaliseHeader(text: string): string {
  return foldScript(text.normalize('NFKC'))
    .replace(/\((必填|选填|可选|required|optional)\)/gi, '')
    .replace(/[\s*]/g, '')
    .toLowerCase();
}

/** Whether a workbook's sheet is the template's sheet `name`, in either script, spaces and width aside. */
export function isSheet(sheetName: string, name: string): boolean {
  const key = (text: string) => foldScript(text.normalize('NFKC').replace(/\s+/g, ''));
  return key(sheetName) === key(name);
}

/** The column a header names, by its zh or English header, an alias or its key; undefined if none. */
export function columnForHeader<C extends ColumnSpec>(columns: readonly C[], header: string): C | undefined {
  const wanted = normaliseHeader(header);
  if (!wanted) return undefined;
  return columns.find((c) =>
    [c.header, c.headerEn, c.key, ...(c.aliases ?? [])].some((name) => normaliseHeader(name) === wanted),
  );
}

export function columnSpec<C extends ColumnSpec>(columns: readonly C[], key: C['key']): C {
  return columns.find((c) => c.key === key)!;
}
