import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { assertHash, treeHasher } from '../rfc6962/inputs.js';
import { verifyConsistency, verifyInclusion } from '../rfc6962/verify.js';
import { recordLeafHashIn } from '../audit-record.js';
import { assertOrigin, emptyCheckpoint, openCheckpoint, type Checkpoint } from './checkpoint.js';
import type { NoteVerifier } from './signed-note.js';

/**
 * What a provider or consumer keeps about a log it does not run: the newest checkpoint it has
 * verified. A newer checkpoint is taken only with a consistency proof from the trusted one, so the
 * log cannot rewrite what it showed before (a fork or a rollback is refused); records are checked
 * against the trusted root.
 */
export class CheckpointVerifier {
  private trusted: Checkpoint;

  /** `trusted`: a note verified earlier (kept by the caller); otherwise the verifier starts at the empty log. */
  constructor(
    readonly origin: string,
    private readonly verifier: NoteVerifier,
    trusted?: string,
  ) {
    assertOrigin(origin);
    this.trusted = trusted === undefined ? emptyCheckpoint(origin) : openCheckpoint(trusted, verifier, origin);
  }

  get checkpoint(): Checkpoint {
    return { ...this.trusted, rootHash: Buffer.from(this.trusted.rootHash), extensions: [...this.trusted.extensions] };
  }

  /**
   * Verifies `note` (signature, origin) and that it extends the trusted checkpoint by `proof`
   * (a consistency proof from the trusted size to the note's size); then trusts it.
   */
  advance(note: string, proof: readonly Uint8Array[] | null | undefined): Checkpoint {
    const next = openCheckpoint(note, this.verifier, this.origin);
    const { treeSize, rootHash, hashAlgorithm } = this.trusted;
    if (treeSize > 0 && next.hashAlgorithm !== hashAlgorithm) {
      throw new LedgerError(
        LedgerProblem.Inconsistent,
        `the checkpoint states hash ${next.hashAlgorithm}; the trusted one of size ${treeSize} is ${hashAlgorithm}`,
        'note',
      );
    }
    if (next.treeSize < treeSize) {
      throw new LedgerError(
        LedgerProblem.Inconsistent,
        `the checkpoint has ${next.treeSize} entries, fewer than the ${treeSize} already trusted`,
        'note',
      );
    }
    try {
      // Every log extends the empty one: from size 0 there is nothing to prove.
      if (treeSize > 0) {
        verifyConsistency(treeSize, next.treeSize, rootHash, next.rootHash, proof, treeHasher(hashAlgorithm));
      } else if (proof && proof.length > 0)
        throw new LedgerError(LedgerProblem.InvalidInput, 'no proof is needed from an empty log', 'proof');
    } catch (error) {
      if (error instanceof LedgerError && error.problem === LedgerProblem.ProofMismatch) {
        throw new LedgerError(
          LedgerProblem.Inconsistent,
          `the checkpoint of size ${next.treeSize} does not extend the trusted one of size ${treeSize}`,
          'proof',
        );
      }
      throw error;
    }
    this.trusted = next;
    return this.checkpoint;
  }

  /** Checks that `record` is entry `leafIndex` of the trusted checkpoint's tree. */
  verifyRecord(record: unknown, leafIndex: number, proof: readonly Uint8Array[] | null | undefined): void {
    this.verifyLeaf(recordLeafHashIn(treeHasher(this.trusted.hashAlgorithm), record), leafIndex, proof);
  }

  verifyLeaf(leafHash: Uint8Array, leafIndex: number, proof: readonly Uint8Array[] | null | undefined): void {
    assertHash(leafHash, 'leafHash');
    const { treeSize, rootHash, hashAlgorithm } = this.trusted;
    verifyInclusion(leafIndex, treeSize, leafHash, proof, rootHash, treeHasher(hashAlgorithm));
  }
}
