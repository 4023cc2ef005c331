import { createPublicKey, hash, KeyObject, sign, verify } from 'node:crypto';
import { isSm2Key, publicPoint, sm2PublicKeyFromPoint, sm2Sign, sm2Verify } from '@govdata/platform-crypto';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { hasControlCharacter, isWellFormedText } from '../well-formed.js';

/*
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys: a UTF-8 text ending in a
 * newline, a blank line, then one line per signature, `— <key name> <base64(key hash ‖ signature)>`.
 * The key hash is the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key); 0x01 = Ed25519.
 *
 * A node of the 国密 profile signs with SM2 instead (GB/T 32918.2, SM3, default identifier; the
 * signature is r ‖ s, 64 bytes). Its key is typed 0xff ‖ "SM2SM3" ‖ 0x04 ‖ x ‖ y in the key hash and
 * the verifier key: a govdata-specific type, not registered with C2SP, which only govdata nodes read.
 */

const ED25519 = 0x01;
const SM2_TYPE = Buffer.concat([Buffer.of(0xff), Buffer.from('SM2SM3', 'ascii')]);
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

/** The public key with its signature type in front: 0x01 ‖ Ed25519 key, or 0xff ‖ "SM2SM3" ‖ SM2 point. */
function typedPublicKey(key: KeyObject, path: string): Buffer {
  if (key instanceof KeyObject && key.type !== 'secret' && isSm2Key(key)) {
    const { x, y } = publicPoint(key);
    const coordinate = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
    return Buffer.concat([SM2_TYPE, Buffer.of(0x04), coordinate(x), coordinate(y)]);
  }
  if (!(key instanceof KeyObject) || key.asymmetricKeyType !== 'ed25519') {
    throw new LedgerError(
      LedgerProblem.InvalidInput,
      'an Ed25519 or SM2 key (node:crypto KeyObject) is required',
      path,
    );
  }
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return Buffer.concat([Buffer.of(ED25519), Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')]);
}

const isSm2Typed = (typed: Buffer) => typed.subarray(0, SM2_TYPE.length).equals(SM2_TYPE);

/** The 4-byte key hash that tags an Ed25519 key's signatures. */
export function noteKeyHash(name: string, publicKey: Uint8Array): Buffer {
  return typedKeyHash(name, Buffer.concat([Buffer.of(ED25519), publicKey]));
}

function typedKeyHash(name: string, typedKey: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), typedKey]), 'buffer').subarray(0, 4);
}

/** Signs notes with an Ed25519 (or SM2) private key kept by the caller (the node keeps it under its data dir). */
export class NoteSigner {
  readonly keyHash: Buffer;
  private readonly publicKey: Buffer;
  readonly algorithm: 'Ed25519' | 'SM2';

  constructor(
    readonly name: string,
    private readonly privateKey: KeyObject,
  ) {
    assertKeyName(name);
    if (!(privateKey instanceof KeyObject) || privateKey.type !== 'private') {
      throw new LedgerError(LedgerProblem.InvalidInput, 'an Ed25519 or SM2 private key is required', 'privateKey');
    }
    this.publicKey = typedPublicKey(privateKey, 'privateKey');
    this.keyHash = typedKeyHash(name, this.publicKey);
    this.algorithm = isSm2Typed(this.publicKey) ? 'SM2' : 'Ed25519';
  }

  /** The verifier key to hand to the other party: `<name>+<key hash hex>+<base64(type ‖ public key)>`. */
  verifierKey(): string {
    return `${this.name}+${this.keyHash.toString('hex')}+${this.publicKey.toString('base64')}`;
  }

  verifier(): NoteVerifier {
    return NoteVerifier.fromVerifierKey(this.verifierKey());
  }

  /** The signed note of `text` (which must end in a newline). */
  sign(text: string): string {
    assertNoteText(text);
    const data = Buffer.from(text, 'utf8');
    const signature =
      this.algorithm === 'SM2'
        ? sm2Sign(data, this.privateKey, { encoding: 'raw' })
        : sign(null, data, this.privateKey);
    return `${text}\n${EM_DASH} ${this.name} ${Buffer.concat([this.keyHash, signature]).toString('base64')}\n`;
  }
}

/** Checks notes signed by one named Ed25519 (or SM2) key. */
export class NoteVerifier {
  readonly keyHash: Buffer;
  private readonly publicKey: KeyObject;
  private readonly sm2: boolean;

  constructor(
    readonly name: string,
    publicKey: KeyObject,
  ) {
    assertKeyName(name);
    const typed = typedPublicKey(publicKey, 'publicKey');
    this.publicKey = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
    this.keyHash = typedKeyHash(name, typed);
    this.sm2 = isSm2Typed(typed);
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
    let publicKey: KeyObject;
    if (key.length === SM2_TYPE.length + 65 && isSm2Typed(key)) {
      try {
        publicKey = sm2PublicKeyFromPoint(key.subarray(SM2_TYPE.length));
      } catch {
        throw bad('the SM2 key is not a point on the curve');
      }
    } else if (key.length === 33 && key[0] === ED25519) {
      publicKey = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: key.subarray(1).toString('base64url') },
        format: 'jwk',
      });
    } else {
      throw bad('only Ed25519 (type 0x01, 32 bytes) and SM2 (0xff "SM2SM3", 65-byte point) keys are supported');
    }
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
      const data = Buffer.from(text, 'utf8');
      const valid = this.sm2
        ? sm2Verify(data, bytes.subarray(4), this.publicKey, { encoding: 'raw' })
        : verify(null, data, this.publicKey, bytes.subarray(4));
      if (valid) return text;
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
