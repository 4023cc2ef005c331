import type {
  FormatCategory,
  GradeCategory,
  ItemDataType,
  ResourceAttribute,
  SharingMethod,
  SharingType,
  UpdateCycle,
} from './entry-content.js';
import type { EntryStatus } from './entry-lifecycle.js';
import { foldScript } from '@govdata/text';

/** A term in zh-CN (what government staff read and type) and English. */
export interface Label {
  zh: string;
  en: string;
}

/** The Chinese and English names of every enumerated value of an entry, for forms, Excel and exports. */
export const ENTRY_LABELS = {
  resourceAttribute: {
    base: { zh: '基础', en: 'Base' },
    theme: { zh: '主题', en: 'Theme' },
    department: { zh: '部门', en: 'Department' },
  } satisfies Record<ResourceAttribute, Label>,
  gradeCategory: {
    core: { zh: '核心数据', en: 'Core data' },
    important: { zh: '重要数据', en: 'Important data' },
    general: { zh: '一般数据', en: 'General data' },
  } satisfies Record<GradeCategory, Label>,
  sharingType: {
    unconditional: { zh: '无条件共享', en: 'Shared without conditions' },
    conditional: { zh: '有条件共享', en: 'Shared on conditions' },
    none: { zh: '不予共享', en: 'Not shared' },
  } satisfies Record<SharingType, Label>,
  openType: {
    unconditional: { zh: '无条件开放', en: 'Open without conditions' },
    conditional: { zh: '有条件开放', en: 'Open on conditions' },
    none: { zh: '不予开放', en: 'Not open' },
  } satisfies Record<SharingType, Label>,
  sharingMethod: {
    platform: { zh: '共享平台方式', en: 'Sharing platform' },
    email: { zh: '邮件方式', en: 'E-mail' },
    media: { zh: '介质方式', en: 'Storage media' },
  } satisfies Record<SharingMethod, Label>,
  formatCategory: {
    'electronic-file': { zh: '电子文件', en: 'Electronic file' },
    spreadsheet: { zh: '电子表格', en: 'Spreadsheet' },
    database: { zh: '数据库', en: 'Database' },
    image: { zh: '图形图像', en: 'Graphics and images' },
    streaming: { zh: '流媒体', en: 'Streaming media' },
    'self-describing': { zh: '自描述格式', en: 'Self-describing format' },
    api: { zh: '服务接口', en: 'Service interface' },
  } satisfies Record<FormatCategory, Label>,
  updateCycle: {
    realtime: { zh: '实时', en: 'Real time' },
    daily: { zh: '每日', en: 'Daily' },
    weekly: { zh: '每周', en: 'Weekly' },
    monthly: { zh: '每月', en: 'Monthly' },
    quarterly: { zh: '每季度', en: 'Quarterly' },
    yearly: { zh: '每年', en: 'Yearly' },
    other: { zh: '其他', en: 'Other' },
  } satisfies Record<UpdateCycle, Label>,
  itemDataType: {
    C: { zh: '字符型C', en: 'Character (C)' },
    N: { zh: '数值型N', en: 'Numeric (N)' },
    Y: { zh: '货币型Y', en: 'Currency (Y)' },
    D: { zh: '日期型D', en: 'Date (D)' },
    T: { zh: '日期时间型T', en: 'Date-time (T)' },
    L: { zh: '逻辑型L', en: 'Logical (L)' },
    M: { zh: '备注型M', en: 'Memo (M)' },
    G: { zh: '通用型G', en: 'General (G)' },
    B: { zh: '双精度型B', en: 'Double (B)' },
    I: { zh: '整型I', en: 'Integer (I)' },
    F: { zh: '浮点型F', en: 'Float (F)' },
  } satisfies Record<ItemDataType, Label>,
  status: {
    draft: { zh: '草稿', en: 'Draft' },
    submitted: { zh: '待审核', en: 'Submitted' },
    returned: { zh: '已退回', en: 'Returned' },
    approved: { zh: '审核通过', en: 'Approved' },
    published: { zh: '已发布', en: 'Published' },
    retired: { zh: '已下线', en: 'Retired' },
  } satisfies Record<EntryStatus, Label>,
} as const;

/**
 * A term in the form labels are compared in: NFKC (full-width letters folded), no spaces, lower
 * case, simplified script — people type either script, and labels may be written in either.
 */
export function labelComparable(text: string): string {
  return foldScript(text.normalize('NFKC').replace(/\s+/g, '').toLowerCase());
}

/**
 * The enum key whose zh or en label (or the key itself) equals `text`, ignoring spaces, case and
 * traditional/simplified script; undefined if none.
 */
export function keyForLabel<K extends string>(labels: Record<K, Label>, text: string): K | undefined {
  const wanted = labelComparable(text);
  for (const [key, label] of Object.entries(labels) as Array<[K, Label]>) {
    if (
      labelComparable(key) === wanted ||
      labelComparable(label.zh) === wanted ||
      labelComparable(label.en) === wanted
    ) {
      return key;
    }
  }
  return undefined;
}
