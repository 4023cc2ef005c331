/** Rule codes an enrolment write answers with in a 422's `errors[].rule`. */
export enum EnrolmentRule {
  /** A token's `level` is not the level the child's code names (a 6-digit division code or a USCC). */
  LevelOfCode = 'level-of-code',
  /** The child's code is not in this node's subtree: this node may not certify it. */
  Subtree = 'subtree',
  /** The certificate request names another node than the enrolment token was issued for. */
  CodeMismatch = 'code-mismatch',
  /** This node has no key yet (`govdata node init`), so it cannot sign a child's certificate. */
  Certified = 'certified',
}

/** Rule codes of a 409 on enrolment writes: the enrolment or the child is not in a state the verb accepts. */
export enum EnrolmentConflict {
  /** A token was asked for a child that is already enrolled and active. */
  NotActive = 'not-active',
  /** An enrolment that was already approved or rejected was decided again. */
  Pending = 'pending',
}

/** Rule codes of a 401 on an enrolment request: the one-time token does not admit it. */
export enum EnrolmentTokenRefusal {
  /** The token is not one this node issued. */
  Known = 'known',
  /** The token was already used for an enrolment. */
  Unused = 'unused',
  /** The token's expiry has passed. */
  Unexpired = 'unexpired',
}

/** Why a child's renewal request over its link was refused (sent back to the child as FAILED_PRECONDITION). */
export class RenewalRefusal extends Error {}
