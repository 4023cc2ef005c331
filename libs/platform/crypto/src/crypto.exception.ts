/** What went wrong in a cryptographic operation; the message says which value and why. */
export enum CryptoProblem {
  /** A key of the wrong type, curve or length. */
  UnsupportedKey = 'crypto.unsupported-key',
  /** A sealed value or signature that is not in the expected shape. */
  Malformed = 'crypto.malformed',
  /** A sealed value whose tag does not verify: wrong key, wrong context, or altered. */
  NotAuthentic = 'crypto.not-authentic',
  /** A profile, algorithm or identifier this node does not know. */
  UnknownAlgorithm = 'crypto.unknown-algorithm',
}

export class CryptoError extends Error {
  constructor(
    readonly problem: CryptoProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}
