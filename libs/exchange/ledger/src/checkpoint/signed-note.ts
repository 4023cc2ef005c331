import { createPublicKey, hash, KeyObject, sign, verify } from 'node:crypto';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { hasControlCharacter, isWellFormedText } from '../well-formed.js';

/*
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys: a UTF-8 text ending in a
 * newline, a blank line, then one line per signature, `— <key name> <base64(key hash ‖ signature)>`.
 * The key hash is the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key); 0x01 = Ed25519.
 */

const ED25519 = 0x01;
const EM_DASH = '\u2014';
/** Bounds a hostile note: checkpoints are a few hundred bytes. */
const MAX_NOTE_BYTES = 64 * 1024;
const MAX_SIGNATURES = 100;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const refuse = (message: string) => new LedgerError(LedgerProblem.InvalidCheckpoint, message, 'note');

/** A key name: non-empty, no whitespace, no `+` (it separates the fields of a verifier key). */
export function assertKeyName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || /[\s+]/u.test(name) || !isWellFormedText(name)) {
    throw new LedgerError(LedgerProblem.InvalidInput, 'a key name is non-empty text without spaces or "+"', 'name');
  }
}

function rawPublicKey(key: KeyObject, path: string): Buffer {
  if (!(key instanceof KeyObject) || key.asymmetricKeyType !== 'ed25519') {
    throw new LedgerError(LedgerProblem.InvalidInput, 'an Ed25519 key (node:crypto KeyObject) is required', path);
  }
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
}

/** The 4-byte key hash that tags a key's signatures. */
export function noteKeyHash(name: string, publicKey: Uint8Array): Buffer {
  return hash(
    'sha256',
    Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.of(ED25519), publicKey]),
    'buffer',
  ).subarray(0, 4);
}

/** Signs notes with an Ed25519 private key kept by the caller (the node keeps it under its data dir). */
export class NoteSigner {
  readonly keyHash: Buffer;
  private readonly publicKey: Buffer;

  constructor(
    readonly name: string,
    private readonly privateKey: KeyObject,
  ) {
    assertKeyName(name);
    if (!(privateKey instanceof KeyObject) || privateKey.type !== 'private') {
      throw new LedgerError(LedgerProblem.InvalidInput, 'an Ed25519 private key is required', 'privateKey');
    }
    this.publicKey = rawPublicKey(privateKey, 'privateKey');
    this.keyHash = noteKeyHash(name, this.publicKey);
  }

  /** The verifier key to hand to the other party: `<name>+<key hash hex>+<base64(0x01 ‖ public key)>`. */
  verifierKey(): string {
    return `${this.name}+${this.keyHash.toString('hex')}+${Buffer.concat([Buffer.of(ED25519), this.publicKey]).toString('base64')}`;
  }

  verifier(): NoteVerifier {
    return NoteVerifier.fromVerifierKey(this.verifierKey());
  }

  /** The signed note of `text` (which must end in a newline). */
  sign(text: string): string {
    assertNoteText(text);
    const signature = sign(null, Buffer.from(text, 'utf8'), this.privateKey);
    return `${text}\n${EM_DASH} ${this.name} ${Buffer.concat([this.keyHash, signature]).toString('base64')}\n`;
  }
}

/** Checks notes signed by one named Ed25519 key. */
export class NoteVerifier {
  readonly keyHash: Buffer;
  private readonly publicKey: KeyObject;

  constructor(
    readonly name: string,
    publicKey: KeyObject,
  ) {
    assertKeyName(name);
    const raw = rawPublicKey(publicKey, 'publicKey');
    this.publicKey = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
    this.keyHash = noteKeyHash(name, raw);
  }

  /** Reads a verifier key `<name>+<hash>+<base64(0x01 ‖ key)>`, checking its hash. */
  static fromVerifierKey(vkey: string): NoteVerifier {
    const bad = (why: string) =>
      new LedgerError(LedgerProblem.InvalidInput, `not a verifier key: ${why}`, 'verifierKey');
    if (typeof vkey !== 'string') throw bad('not text');
    // The base64 key may itself hold '+': the name ends at the first one, the hash is 8 digits.
    const match = /^([^+\s]+)\+([0-9a-f]{8})\+(.+)$/u.exec(vkey);
    if (!match || !BASE64.test(match[3]!)) throw bad('expected <name>+<8 hex digits>+<base64 key>');
    const [, name, keyHash, encoded] = match as unknown as [string, string, string, string];
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 33 || key[0] !== ED25519) throw bad('only Ed25519 keys (type 0x01, 32 bytes) are supported');
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: key.subarray(1).toString('base64url') },
      format: 'jwk',
    });
    const verifier = new NoteVerifier(name, publicKey);
    if (verifier.keyHash.toString('hex') !== keyHash) throw bad('the key hash does not match the name and key');
    return verifier;
  }

  /**
   * The text of a note carrying a valid signature by this key; signatures by other keys are
   * ignored, as the spec requires. Throws when the note is malformed or this key did not sign it.
   */
  open(note: unknown): string {
    const { text, signatures } = splitNote(note);
    for (const { name, bytes } of signatures) {
      if (name !== this.name || bytes.length !== 4 + 64 || !bytes.subarray(0, 4).equals(this.keyHash)) continue;
      if (verify(null, Buffer.from(text, 'utf8'), this.publicKey, bytes.subarray(4))) return text;
      throw refuse(`the signature by ${this.name} does not verify`);
    }
    throw refuse(`the note is not signed by ${this.name} (key hash ${this.keyHash.toString('hex')})`);
  }
}

interface NoteSignature {
  name: string;
  bytes: Buffer;
}

function assertNoteText(text: string): void {
  if (!text.endsWith('\n') || text.includes('\n\n') || !isWellFormedText(text) || hasControlCharacter(text, true)) {
    throw refuse('a note text is UTF-8 lines without control characters or blank lines, ending in a newline');
  }
}

function splitNote(note: unknown): { text: string; signatures: NoteSignature[] } {
  if (typeof note !== 'string') throw refuse('a note is text');
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw refuse(`a note is at most ${MAX_NOTE_BYTES} bytes`);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw refuse('a note has a blank line before its signatures');
  const text = note.slice(0, split + 1);
  assertNoteText(text);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw refuse('the signature lines end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw refuse(`a note has at most ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (!match || match[1]!.includes('+')) throw refuse(`not a signature line: ${JSON.stringify(line.slice(0, 80))}`);
    const bytes = Buffer.from(match[2]!, 'base64');
    if (bytes.length < 5) throw refuse('a signature is a 4-byte key hash and the signature');
    return { name: match[1]!, bytes };
  });
  return { text, signatures };
}
