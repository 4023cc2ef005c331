import { ErrorCode, GovdataError, type FieldProblem } from '@govdata/platform-errors';

/** Why the audit ledger refused an input or a proof. */
export enum LedgerProblem {
  /** A size, index, hash or proof that is not well formed (wrong type, range or length). */
  InvalidInput = 'invalid_input',
  /** A well-formed proof that does not lead to the claimed root. */
  ProofMismatch = 'proof_mismatch',
  /** A record the ledger will not store (its fields, or a value JSON cannot carry exactly). */
  InvalidRecord = 'invalid_record',
  /** A checkpoint note that does not parse, or is not signed by the expected key. */
  InvalidCheckpoint = 'invalid_checkpoint',
  /** A newer checkpoint that is not an extension of the trusted one (a fork or a rollback). */
  Inconsistent = 'inconsistent',
  /** A tree size or leaf the log does not (yet) have. */
  Unknown = 'unknown',
  /** Stored rows that disagree with each other: the log was changed behind the ledger's back. */
  Corrupted = 'corrupted',
}

const CODES: Record<LedgerProblem, ErrorCode> = {
  [LedgerProblem.InvalidInput]: ErrorCode.ValidationFailed,
  [LedgerProblem.ProofMismatch]: ErrorCode.RuleViolated,
  [LedgerProblem.InvalidRecord]: ErrorCode.ValidationFailed,
  [LedgerProblem.InvalidCheckpoint]: ErrorCode.RuleViolated,
  [LedgerProblem.Inconsistent]: ErrorCode.RuleViolated,
  [LedgerProblem.Unknown]: ErrorCode.NotFound,
  [LedgerProblem.Corrupted]: ErrorCode.Internal,
};

export class LedgerError extends GovdataError {
  constructor(
    readonly problem: LedgerProblem,
    message: string,
    /** The input field at fault (`proof.2`, `treeSize`), or every field problem of a refused record. */
    at?: string | FieldProblem[],
  ) {
    super(CODES[problem], message, typeof at === 'string' ? [{ path: at, rule: problem, message }] : (at ?? []), {
      problem,
    });
    this.name = 'LedgerError';
  }
}
