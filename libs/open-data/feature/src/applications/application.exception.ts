import { ErrorCode, GovdataError } from '@govdata/platform-errors';

/** Rule codes of 有条件开放 applications, answered in a 4xx's `errors[].rule` or `reason`. */
export enum ApplicationRule {
  /** 409 `datasetId`: only an open dataset opened on conditions, of this node, takes applications. */
  Conditional = 'not-conditional',
  /** 400 `fields.<i>`: not a published item of the dataset (withheld, or no such item). */
  FieldOfDataset = 'field-of-dataset',
  /** 400 `commitments`: every security commitment must be accepted. */
  EveryCommitment = 'every-commitment',
  /** 400 `validUntil`: after today and at most a year ahead. */
  Period = 'period',
  /** 409: the person already has an application in progress or in force for this dataset. */
  Exists = 'application-exists',
  /** 409: the application is not in the state the action needs (decided already, not approved …). */
  State = 'application-state',
  /** 400 `agreementSha256`: the signature names a different text than the one offered. */
  AgreementChanged = 'agreement-changed',
  /** 400 `fields.<i>` / `validUntil` of an approval: a grant is within what was asked. */
  WithinRequest = 'within-request',
  /** 400 `reason`: a refusal or a revocation says why. */
  ReasonRequired = 'reason-required',
}

export function badField(path: string, rule: ApplicationRule, message: string): GovdataError {
  return GovdataError.validation([{ path, rule, message }], message);
}

export function wrongState(message: string): GovdataError {
  return new GovdataError(ErrorCode.Conflict, message, [], { reason: ApplicationRule.State });
}
