import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import type { HashName } from '@govdata/platform-crypto';
import { assertHash, assertSize, treeHasher } from '../rfc6962/inputs.js';
import type { NoteSigner, NoteVerifier } from './signed-note.js';
import { hasControlCharacter } from '../well-formed.js';

/**
 * A C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the log's origin, a tree size and the
 * root at that size — the body of a signed note.
 */
export interface Checkpoint {
  /** Names the log (e.g. `gov.example/360000/exchange-audit`); a verifier only accepts its own log's. */
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  /**
   * The log's hash: SHA-256 (RFC 6962) unless the note has the extension line `hash SM3` (a ledger
   * under the 国密 profile). A log keeps the hash it started with.
   */
  hashAlgorithm: HashName;
  /** Optional lines after the root; kept as read; only the `hash` line is written. */
  extensions: string[];
}

/** The extension line that states a log's hash when it is not RFC 6962's SHA-256. */
const HASH_LINE = /^hash (\S+)$/;

const refuse = (message: string) => new LedgerError(LedgerProblem.InvalidCheckpoint, message, 'note');

export function assertOrigin(origin: unknown): asserts origin is string {
  if (typeof origin !== 'string' || origin.length === 0 || origin.length > 256 || hasControlCharacter(origin)) {
    throw new LedgerError(LedgerProblem.InvalidInput, 'an origin is one line of 1–256 printable characters', 'origin');
  }
}

/**
 * The note text of a checkpoint: origin, decimal size and base64 root, each on its own line; then
 * `hash SM3` for an SM3 log (a SHA-256 log's note is exactly RFC 6962 / C2SP's).
 */
export function formatCheckpoint(
  checkpoint: Pick<Checkpoint, 'origin' | 'treeSize' | 'rootHash'> & { hashAlgorithm?: HashName },
): string {
  assertOrigin(checkpoint.origin);
  assertSize(checkpoint.treeSize, 'treeSize');
  assertHash(checkpoint.rootHash, 'rootHash');
  const hash = treeHasher(checkpoint.hashAlgorithm).algorithm;
  const hashLine = hash === 'SHA-256' ? '' : `hash ${hash}\n`;
  return `${checkpoint.origin}\n${checkpoint.treeSize}\n${Buffer.from(checkpoint.rootHash).toString('base64')}\n${hashLine}`;
}

/** Reads a checkpoint body (already verified text). */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines.pop() !== '') throw refuse('a checkpoint has an origin, a size and a root hash line');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw refuse('the origin line is empty');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw refuse(`the tree size ${JSON.stringify(size.slice(0, 20))} is not a decimal integer below 2^53`);
  }
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root)
    throw refuse('the root hash is not 32 bytes of base64');
  if (extensions.some((line) => line.length === 0)) throw refuse('an extension line is empty');
  const stated = extensions.map((line) => HASH_LINE.exec(line)?.[1]).filter((name) => name !== undefined);
  if (stated.length > 1) throw refuse('the checkpoint states its hash more than once');
  let hashAlgorithm: HashName;
  try {
    hashAlgorithm = treeHasher(stated[0]).algorithm;
  } catch {
    throw refuse(`the checkpoint's hash ${JSON.stringify(stated[0])} is not SHA-256 or SM3`);
  }
  return { origin, treeSize: Number(size), rootHash, hashAlgorithm, extensions };
}

/** A signed checkpoint note. */
export function signCheckpoint(
  signer: NoteSigner,
  checkpoint: Pick<Checkpoint, 'origin' | 'treeSize' | 'rootHash'> & { hashAlgorithm?: HashName },
): string {
  return signer.sign(formatCheckpoint(checkpoint));
}

/** The checkpoint of a note signed by `verifier` for the log `origin`; throws otherwise. */
export function openCheckpoint(note: unknown, verifier: NoteVerifier, origin: string): Checkpoint {
  const checkpoint = parseCheckpoint(verifier.open(note));
  if (checkpoint.origin !== origin) {
    throw refuse(`the checkpoint is for log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`);
  }
  return checkpoint;
}

/** The checkpoint of a log with no entries. */
export const emptyCheckpoint = (origin: string, hashAlgorithm: HashName = 'SHA-256'): Checkpoint => ({
  origin,
  treeSize: 0,
  rootHash: Buffer.from(treeHasher(hashAlgorithm).emptyRoot),
  hashAlgorithm,
  extensions: [],
});
