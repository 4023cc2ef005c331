import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import type { DatasetRecord } from './dataset.js';

/** Rule codes of open data answered in a 4xx's `errors[].rule`. */
export enum OpenDataRule {
  /** 422: a field an opening needs (domain, licence) is missing. */
  Required = 'required',
  /** 422 `confidentialityChecked` / `personalInformationChecked`: the check must be confirmed to open. */
  CheckConfirmed = 'check-confirmed',
  /** 422 `columns`: every mapped column of every mounted table needs a decision. */
  EveryColumnDecided = 'every-column-decided',
  /** 422 `columns.<i>.mask`: a masked column names its rule. */
  MaskRuleRequired = 'mask-rule-required',
  /** 422 `columns.<i>.decision`: a column holding personal information is masked or withheld. */
  PersonalInformation = 'personal-information',
  /** 422 `columns.<i>.column`: not a mapped column of the entry's mounted tables. */
  ColumnOfMount = 'column-of-mount',
  /** 422 `reason`: a refusal says why. */
  ReasonRequired = 'reason-required',
  /** 400 `filters` / `sort`: only published, unmasked columns filter and sort. */
  OpenColumn = 'open-column',
  /** 400 `filters`: a value that is not of its column's type. */
  ValueType = 'value-type',
  /** 400 `after`: the cursor is not one this resource gave. */
  Cursor = 'cursor',
  /** 403: 有条件开放 data is served under an approved application only. */
  ConditionalOpening = 'conditional-opening',
  /** 409: a replica's whole-table download is served by its origin node. */
  ServedByOrigin = 'served-by-origin',
}

/** 400 naming the query parameter and the rule it broke. */
export function badQuery(path: string, rule: string, message: string): GovdataError {
  return GovdataError.validation([{ path, rule, message }], message);
}

/**
 * 409 `served-by-origin`: a replica's data, and what the public does with it, belong to the node that
 * opened the dataset — `what` says what to do there (下载 / 申请 / 纠错 / 评价).
 */
export function servedByOrigin(
  dataset: Pick<DatasetRecord, 'nodeCode' | 'origin'>,
  path: string,
  what: { zh: string; en: string },
): GovdataError {
  return new GovdataError(
    ErrorCode.Conflict,
    `该数据集由节点 ${dataset.nodeCode} 开放，请到该节点的开放门户${what.zh} (${what.en} at node ${dataset.nodeCode}, which opened the dataset)`,
    [{ path, rule: OpenDataRule.ServedByOrigin, message: `来源节点 ${dataset.nodeCode} (origin node)` }],
    { origin: { nodeCode: dataset.nodeCode, path: dataset.origin?.path ?? [] } },
  );
}
