import { ENTRY_LABELS, type Label } from '../entries/entry-labels.js';
import { foldScript } from '../text/script-fold.js';

/**
 * The two data sheets of the catalog workbook (template, import, export) and their columns.
 *
 * Layout: one row per entry in 信息資源目錄, one row per data item in 信息項. An item row names its
 * entry by 資源序號 = the entry row's 序號, because staff already keep item lists as separate tables
 * and a second sheet keeps the entry columns from being repeated (and contradicting each other) on
 * every item line. Columns are found by their header text, so users may reorder them or add their
 * own; the platform's columns (代碼, 提供方, 發布日期, 狀態) are filled on export and ignored on import.
 */

export const ENTRY_SHEET = '信息資源目錄';
export const ITEM_SHEET = '信息項';
export const INSTRUCTIONS_SHEET = '填寫說明';
export const CODE_TABLE_SHEET = '分類代碼表';

/** Rows whose 序號 (or 資源序號) is this are examples and never imported. */
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
  /** 信息資源代碼: assigned by the platform; filled in, it names the existing entry to edit. */
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
  /** 填寫說明: what to enter (zh-CN, shown as the cell prompt too; keep under 255 characters). */
  hint: string;
  example: string | number;
}

/** Values of a multi-valued cell are separated by any of these (Chinese and ASCII punctuation, new line). */
export const LIST_SEPARATOR = /[,，、;；\n]+/;
export const LIST_JOINER = '、';

export const GRADE_LEVEL_LABELS: Record<string, Label> = {
  '1': { zh: '1級', en: 'Level 1' },
  '2': { zh: '2級', en: 'Level 2' },
  '3': { zh: '3級', en: 'Level 3' },
  '4': { zh: '4級', en: 'Level 4' },
};
export const YES_NO_LABELS: Record<'no' | 'yes', Label> = {
  no: { zh: '否', en: 'No' },
  yes: { zh: '是', en: 'Yes' },
};

/** 信息資源目錄 — one row per entry, in the order of the guideline's core metadata elements. */
export const ENTRY_COLUMNS = [
  {
    key: 'serial',
    header: '序號',
    headerEn: 'No.',
    kind: 'serial',
    required: true,
    width: 7,
    hint: '本表內唯一的序號（如 1、2、3），信息項表用「資源序號」引用本行。填「示例」的行不導入。',
    example: EXAMPLE_SERIAL,
  },
  {
    key: 'classification',
    header: '信息資源分類',
    headerEn: 'Classification',
    aliases: ['分類代碼', '信息資源分類代碼'],
    kind: 'classification',
    required: true,
    width: 24,
    hint: '從下拉列表選擇，或填寫分類代碼（類+項[+目[+細目]]，見「分類代碼表」），如 101001。',
    example: '101001 人口基本信息',
  },
  {
    key: 'name',
    header: '信息資源名稱',
    headerEn: 'Name',
    kind: 'text',
    required: true,
    width: 28,
    hint: '信息資源的中文名稱，不超過 200 字。',
    example: '人口基本信息',
  },
  {
    key: 'code',
    header: '信息資源代碼',
    headerEn: 'Code',
    kind: 'entry-code',
    required: false,
    width: 26,
    hint: '由平臺按編碼規則生成，新增時留空。填寫已有條目的代碼則修改該條目的草稿（草稿或已退回狀態）。',
    example: '',
  },
  {
    key: 'provider',
    header: '信息資源提供方',
    headerEn: 'Provider',
    kind: 'platform',
    required: false,
    width: 22,
    hint: '由平臺按導入人所屬單位填寫，無需填寫。',
    example: '',
  },
  {
    key: 'providerCode',
    header: '提供方代碼',
    headerEn: 'Provider code',
    kind: 'platform',
    required: false,
    width: 22,
    hint: '提供方的統一社會信用代碼，由平臺填寫。',
    example: '',
  },
  {
    key: 'abstract',
    header: '信息資源摘要',
    headerEn: 'Abstract',
    kind: 'text',
    required: true,
    width: 40,
    hint: '說明信息資源的內容、範圍和用途，不超過 4000 字。',
    example: '本省戶籍人口和常住人口的基本信息，包括姓名、公民身份號碼、性別、出生日期和戶籍地址。',
  },
  {
    key: 'formatCategory',
    header: '格式分類',
    headerEn: 'Format',
    aliases: ['信息資源格式'],
    kind: 'enum',
    labels: ENTRY_LABELS.formatCategory,
    required: true,
    width: 12,
    hint: '從下拉列表選擇信息資源的格式分類。',
    example: '數據庫',
  },
  {
    key: 'formatDetail',
    header: '格式說明',
    headerEn: 'Format detail',
    kind: 'text',
    required: false,
    width: 14,
    hint: '具體格式，如 PostgreSQL、xlsx、OFD，不超過 50 字。',
    example: 'PostgreSQL',
  },
  {
    key: 'sharingType',
    header: '共享類型',
    headerEn: 'Sharing type',
    aliases: ['共享屬性'],
    kind: 'enum',
    labels: ENTRY_LABELS.sharingType,
    required: true,
    width: 13,
    hint: '從下拉列表選擇。有條件共享須填共享條件；不予共享須填不予共享依據。',
    example: '有條件共享',
  },
  {
    key: 'sharingConditions',
    header: '共享條件',
    headerEn: 'Sharing conditions',
    kind: 'text',
    required: false,
    width: 24,
    hint: '有條件共享時必填：使用條件和用途限制。',
    example: '僅用於依法履職，需說明用途',
  },
  {
    key: 'sharingLegalBasis',
    header: '不予共享依據',
    headerEn: 'Legal basis for not sharing',
    kind: 'text',
    required: false,
    width: 24,
    hint: '不予共享時必填：法律、行政法規或政策依據。',
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
    hint: '無條件或有條件共享時必填。可選多項，用頓號「、」分隔，如：共享平臺方式、介質方式。',
    example: '共享平臺方式',
  },
  {
    key: 'openType',
    header: '開放類型',
    headerEn: 'Open type',
    aliases: ['開放屬性', '是否向社會開放'],
    kind: 'enum',
    labels: ENTRY_LABELS.openType,
    required: true,
    width: 13,
    hint: '從下拉列表選擇是否向社會開放。有條件開放須填開放條件。',
    example: '不予開放',
  },
  {
    key: 'openConditions',
    header: '開放條件',
    headerEn: 'Open conditions',
    kind: 'text',
    required: false,
    width: 20,
    hint: '有條件開放時必填。',
    example: '',
  },
  {
    key: 'updateCycle',
    header: '更新週期',
    headerEn: 'Update cycle',
    kind: 'enum',
    labels: ENTRY_LABELS.updateCycle,
    required: true,
    width: 10,
    hint: '從下拉列表選擇數據的更新週期。',
    example: '每日',
  },
  {
    key: 'publishDate',
    header: '發布日期',
    headerEn: 'Publish date',
    kind: 'platform',
    required: false,
    width: 12,
    hint: '發布時由平臺填寫，無需填寫。',
    example: '',
  },
  {
    key: 'relatedCodes',
    header: '關聯資源代碼',
    headerEn: 'Related codes',
    kind: 'list',
    required: false,
    width: 24,
    hint: '相關聯的信息資源代碼（前段碼/後段碼），多個用頓號「、」分隔。',
    example: '',
  },
  {
    key: 'gradeCategory',
    header: '數據分級',
    headerEn: 'Grade',
    aliases: ['數據分類分級'],
    kind: 'enum',
    labels: ENTRY_LABELS.gradeCategory,
    required: true,
    width: 11,
    hint: '從下拉列表選擇：核心數據、重要數據或一般數據（GB/T 43697）。',
    example: '一般數據',
  },
  {
    key: 'gradeLevel',
    header: '一般數據級別',
    headerEn: 'Level',
    aliases: ['數據級別', '級別'],
    kind: 'grade-level',
    labels: GRADE_LEVEL_LABELS,
    required: false,
    width: 11,
    hint: '一般數據必填 1級–4級（1級不敏感 … 4級敏感）；核心、重要數據留空。',
    example: '3級',
  },
  {
    key: 'classified',
    header: '涉密屬性',
    headerEn: 'Classified',
    aliases: ['是否涉密'],
    kind: 'boolean',
    labels: YES_NO_LABELS,
    required: false,
    width: 9,
    hint: '涉密數據不得在平臺登記，請填「否」或留空。',
    example: '否',
  },
  {
    key: 'regionCode',
    header: '行政區劃代碼',
    headerEn: 'Region code',
    kind: 'text',
    required: true,
    width: 12,
    hint: '數據覆蓋地區的 6 位行政區劃代碼（GB/T 2260），如 360000。',
    example: '360000',
  },
  {
    key: 'tags',
    header: '標籤',
    headerEn: 'Tags',
    aliases: ['關鍵字', '關鍵詞'],
    kind: 'list',
    required: false,
    width: 16,
    hint: '便於檢索的關鍵詞，每個不超過 30 字，多個用頓號「、」分隔。',
    example: '人口、身份',
  },
  {
    key: 'systemId',
    header: '來源系統標識',
    headerEn: 'Source system',
    kind: 'text',
    required: false,
    width: 20,
    hint: '數據來源的政務信息系統標識（平臺系統登記中的 ID），可留空。',
    example: '',
  },
  {
    key: 'status',
    header: '狀態',
    headerEn: 'Status',
    kind: 'platform',
    required: false,
    width: 10,
    hint: '導出時由平臺填寫條目狀態，導入時不讀取。',
    example: '',
  },
] as const satisfies readonly ColumnSpec[];

/** 信息項 — one row per data item; 資源序號 names the entry row it belongs to. */
export const ITEM_COLUMNS = [
  {
    key: 'entrySerial',
    header: '資源序號',
    headerEn: 'Entry No.',
    kind: 'serial',
    required: true,
    width: 9,
    hint: '所屬信息資源在「信息資源目錄」表中的序號。同一資源的多個信息項填相同序號。',
    example: EXAMPLE_SERIAL,
  },
  {
    key: 'entryName',
    header: '信息資源名稱',
    headerEn: 'Entry name',
    kind: 'platform',
    required: false,
    width: 22,
    hint: '僅供對照查看，導入時以資源序號為準，不讀取本列。',
    example: '人口基本信息',
  },
  {
    key: 'name',
    header: '信息項名稱',
    headerEn: 'Item name',
    kind: 'text',
    required: true,
    width: 20,
    hint: '信息項（字段）的中文名稱，同一資源內不得重複。',
    example: '公民身份號碼',
  },
  {
    key: 'dataType',
    header: '數據類型',
    headerEn: 'Data type',
    kind: 'enum',
    labels: ENTRY_LABELS.itemDataType,
    required: true,
    width: 12,
    hint: '從下拉列表選擇。字符型C、數值型N、貨幣型Y須填數據長度。',
    example: '字符型C',
  },
  {
    key: 'length',
    header: '數據長度',
    headerEn: 'Length',
    kind: 'integer',
    required: false,
    width: 9,
    hint: '字符數或數字位數，正整數；字符型C、數值型N、貨幣型Y必填。',
    example: 18,
  },
  {
    key: 'dataElement',
    header: '數據元標識',
    headerEn: 'Data element',
    kind: 'text',
    required: false,
    width: 14,
    hint: '遵循數據元標準時填寫數據元標識符（字母、數字、. _ : -），可留空。',
    example: 'DE00001',
  },
  {
    key: 'description',
    header: '信息項說明',
    headerEn: 'Description',
    aliases: ['說明', '描述'],
    kind: 'text',
    required: false,
    width: 30,
    hint: '信息項的含義或取值說明，不超過 500 字。',
    example: '18 位公民身份號碼',
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
