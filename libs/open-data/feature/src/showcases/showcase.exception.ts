import { ErrorCode, GovdataError } from '@govdata/platform-errors';

/** Rule codes of 应用成果展示, answered in a 4xx's `errors[].rule` or `reason`. */
export enum ShowcaseRule {
  /** 400 `datasetIds.<i>`: not an open dataset of this node or a replica of one opened below it. */
  OpenDataset = 'open-dataset',
  /** 409: the showcase was decided already. */
  State = 'showcase-state',
}

export function badField(path: string, rule: ShowcaseRule, message: string): GovdataError {
  return GovdataError.validation([{ path, rule, message }], message);
}

export function wrongState(message: string): GovdataError {
  return new GovdataError(ErrorCode.Conflict, message, [], { reason: ShowcaseRule.State });
}
