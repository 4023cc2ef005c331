import type { MaskCategory } from './masking-rules.js';

/**
 * How one field of an API resource's response relates to a catalog item (信息项), as declared by the
 * resource. Fields named like their item need no declaration unless they carry a data type, a data
 * element or a masking choice.
 */
export interface ResponseItem {
  /** 信息项名称 — the item's name in the catalog entry; grants permit items by this name. */
  item: string;
  /** The field carrying the item in the response, when not named like it; dotted when nested (`contacts.phone`). */
  field?: string;
  /** 数据类型 code of the item (C 字符型, N 数值型, D 日期型 …). */
  dataType?: string;
  /** 数据元 identifier, when the item follows a data element standard. */
  dataElement?: string;
  /** What the value is, for masking, when the resource knows better than detection; `none` = never mask. */
  maskAs?: MaskCategory | 'none';
}

/** The response field of each declared item: `field`, or the item's own name. */
export function fieldOf(item: ResponseItem): string {
  return item.field ?? item.item;
}
