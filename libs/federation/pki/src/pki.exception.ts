import { ErrorCode, GovdataError } from '@govdata/platform-errors';

/** Why a node certificate (or a request for one) was refused. */
export enum NodeCertificateProblem {
  /** Not parseable as a certificate, CSR or CRL, or a required field is unusable. */
  Malformed = 'malformed',
  Expired = 'expired',
  NotYetValid = 'not_yet_valid',
  /** A signature does not verify with the key of the certificate that claims to have made it. */
  BadSignature = 'bad_signature',
  /** No certificate in the chain or the trusted root issued this one. */
  UnknownIssuer = 'unknown_issuer',
  /** An issuing certificate lacks CA:true or keyCertSign. */
  NotACa = 'not_a_ca',
  PathLengthExceeded = 'path_length_exceeded',
  /** The certified node code is not in its issuer's subtree (or not a child of the checking node). */
  OutsideSubtree = 'outside_subtree',
  Revoked = 'revoked',
  /** No `urn:govdata:node:<code>` SAN URI, or more than one. */
  SanMissing = 'san_missing',
  /** The SAN code disagrees with the subject serialNumber, or with the code the caller expected. */
  SanMismatch = 'san_mismatch',
  /** The certificate being installed is not for this node's key. */
  KeyMismatch = 'key_mismatch',
}

/**
 * A refused node certificate. Verification failures are `unauthenticated` (gRPC UNAUTHENTICATED);
 * refusing to issue one (a CSR outside the subtree) is a broken rule (`rule_violated`).
 */
export class NodeCertificateError extends GovdataError {
  constructor(
    readonly problem: NodeCertificateProblem,
    message: string,
    code: ErrorCode = ErrorCode.Unauthenticated,
  ) {
    super(code, message, [], { problem });
    this.name = 'NodeCertificateError';
  }
}
