import { generateKeyPairSync } from 'node:crypto';
import { generateSm2KeyPair } from '@govdata/platform-crypto';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { hashLeaf } from '@govdata/rfc6962';
import { treeHasher } from '../rfc6962/inputs.js';
import { MerkleTree } from '../rfc6962/merkle-tree.js';
import { recordLeafHash, recordLeafHashIn } from '../audit-record.js';
import { sampleRecords } from '../audit-ledger.fixture.js';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
import { CheckpointVerifier } from './checkpoint-verifier.js';
import { NoteSigner, NoteVerifier } from './signed-note.js';

const ORIGIN = 'gov.example/360000/exchange-audit';
const keyPair = () => generateKeyPairSync('ed25519');
const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerError) return error.problem;
    throw error;
  }
  return null;
};

describe('signed checkpoints (C2SP tlog-checkpoint, signed-note, Ed25519)', () => {
  const { privateKey, publicKey } = keyPair();
  const signer = new NoteSigner(ORIGIN, privateKey);
  const verifier = new NoteVerifier(ORIGIN, publicKey);
  const tree = new MerkleTree(sampleRecords(20).map(recordLeafHash));

  it('writes origin, size, base64 root, a blank line and "— name base64(key hash ‖ signature)"', () => {
    const note = signCheckpoint(signer, { origin: ORIGIN, treeSize: 20, rootHash: tree.root(20) });
    const lines = note.split('\n');
    expect(lines.slice(0, 4)).toEqual([ORIGIN, '20', tree.root(20).toString('base64'), '']);
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6);
    const match = /^— (\S+) (\S+)$/.exec(lines[4]!);
    expect(match?.[1]).toBe(ORIGIN);
    const bytes = Buffer.from(match![2]!, 'base64');
    expect(bytes).toHaveLength(4 + 64);
    expect(bytes.subarray(0, 4)).toEqual(signer.keyHash);
    expect(openCheckpoint(note, verifier, ORIGIN)).toEqual({
      origin: ORIGIN,
      treeSize: 20,
      rootHash: tree.root(20),
      hashAlgorithm: 'SHA-256',
      extensions: [],
    });
  });

  it('verifies through a verifier key string, and ignores signatures by other keys', () => {
    const vkey = signer.verifierKey();
    expect(vkey).toMatch(new RegExp(`^${ORIGIN.replace(/[./]/g, '\\$&')}\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}$`));
    const fromKey = NoteVerifier.fromVerifierKey(vkey);
    const note = signCheckpoint(signer, { origin: ORIGIN, treeSize: 3, rootHash: tree.root(3) });
    const witness = new NoteSigner('witness.example', keyPair().privateKey);
    const cosigned = `${note}${witness.sign(formatCheckpoint({ origin: ORIGIN, treeSize: 3, rootHash: tree.root(3) })).split('\n\n')[1]}`;
    expect(openCheckpoint(cosigned, fromKey, ORIGIN).treeSize).toBe(3);
    expect(problemOf(() => NoteVerifier.fromVerifierKey(vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+')))).toBe(
      LedgerProblem.InvalidInput,
    );
  });

  it('refuses a changed, foreign, unsigned or malformed note', () => {
    const note = signCheckpoint(signer, { origin: ORIGIN, treeSize: 20, rootHash: tree.root(20) });
    const other = new NoteVerifier(ORIGIN, keyPair().publicKey);
    const cases: Array<[string, () => unknown, LedgerProblem]> = [
      [
        'size changed',
        () => openCheckpoint(note.replace('\n20\n', '\n21\n'), verifier, ORIGIN),
        LedgerProblem.InvalidCheckpoint,
      ],
      ['another key', () => openCheckpoint(note, other, ORIGIN), LedgerProblem.InvalidCheckpoint],
      [
        'another log',
        () => openCheckpoint(note, verifier, 'gov.example/360100/exchange-audit'),
        LedgerProblem.InvalidCheckpoint,
      ],
      [
        'no signature',
        () =>
          openCheckpoint(formatCheckpoint({ origin: ORIGIN, treeSize: 1, rootHash: tree.root(1) }), verifier, ORIGIN),
        LedgerProblem.InvalidCheckpoint,
      ],
      ['garbage signature line', () => openCheckpoint(`${note}x\n`, verifier, ORIGIN), LedgerProblem.InvalidCheckpoint],
      ['not text', () => openCheckpoint(42, verifier, ORIGIN), LedgerProblem.InvalidCheckpoint],
      [
        'size with a leading zero',
        () => parseCheckpoint(`${ORIGIN}\n020\n${tree.root(20).toString('base64')}\n`),
        LedgerProblem.InvalidCheckpoint,
      ],
      ['short root', () => parseCheckpoint(`${ORIGIN}\n20\nAAAA\n`), LedgerProblem.InvalidCheckpoint],
      [
        'an RSA key',
        () => new NoteSigner(ORIGIN, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey),
        LedgerProblem.InvalidInput,
      ],
      ['a name with a space', () => new NoteSigner('a b', privateKey), LedgerProblem.InvalidInput],
    ];
    for (const [name, run, problem] of cases) expect([name, problemOf(run)]).toEqual([name, problem]);
  });

  it('a CheckpointVerifier advances only along consistency proofs and checks records against its checkpoint', () => {
    const records = sampleRecords(20);
    const at = (n: number) => signCheckpoint(signer, { origin: ORIGIN, treeSize: n, rootHash: tree.root(n) });
    const follower = new CheckpointVerifier(ORIGIN, verifier);
    expect(follower.checkpoint.treeSize).toBe(0);
    expect(follower.advance(at(5), []).treeSize).toBe(5);
    expect(follower.advance(at(13), tree.consistencyProof(5, 13)).treeSize).toBe(13);
    follower.verifyRecord(records[7], 7, tree.inclusionProof(7, 13));
    expect(problemOf(() => follower.verifyRecord({ ...records[7]!, bytes: 1 }, 7, tree.inclusionProof(7, 13)))).toBe(
      LedgerProblem.ProofMismatch,
    );

    // A log that rewrote entry 3 after showing size 13: its size-20 checkpoint is a fork.
    const forked = new MerkleTree(
      records.map((r, i) => (i === 3 ? hashLeaf(Buffer.from('rewritten')) : recordLeafHash(r))),
    );
    const forkNote = signCheckpoint(signer, { origin: ORIGIN, treeSize: 20, rootHash: forked.root(20) });
    expect(problemOf(() => follower.advance(forkNote, forked.consistencyProof(13, 20)))).toBe(
      LedgerProblem.Inconsistent,
    );
    expect(problemOf(() => follower.advance(at(9), []))).toBe(LedgerProblem.Inconsistent); // a rollback
    expect(follower.checkpoint.treeSize).toBe(13);

    // Restarted from the note it kept, it goes on.
    const again = new CheckpointVerifier(ORIGIN, verifier, at(13));
    expect(again.advance(at(20), tree.consistencyProof(13, 20)).rootHash).toEqual(tree.root(20));
  });
});

describe('checkpoints of an SM3 log (国密 profile)', () => {
  const { privateKey, publicKey } = keyPair();
  const signer = new NoteSigner(ORIGIN, privateKey);
  const verifier = new NoteVerifier(ORIGIN, publicKey);
  const sm3 = treeHasher('SM3');
  const records = sampleRecords(20);
  const tree = new MerkleTree(
    records.map((r) => recordLeafHashIn(sm3, r)),
    sm3,
  );
  const at = (n: number) =>
    signCheckpoint(signer, { origin: ORIGIN, treeSize: n, rootHash: tree.root(n), hashAlgorithm: 'SM3' });

  it('states the hash in an extension line; a SHA-256 note stays exactly RFC 6962 / C2SP', () => {
    expect(formatCheckpoint({ origin: ORIGIN, treeSize: 20, rootHash: tree.root(20), hashAlgorithm: 'SM3' })).toBe(
      `${ORIGIN}\n20\n${tree.root(20).toString('base64')}\nhash SM3\n`,
    );
    expect(openCheckpoint(at(20), verifier, ORIGIN)).toMatchObject({ hashAlgorithm: 'SM3', extensions: ['hash SM3'] });
    expect(
      formatCheckpoint({ origin: ORIGIN, treeSize: 1, rootHash: tree.root(1), hashAlgorithm: 'SHA-256' }).split('\n'),
    ).toHaveLength(4);
  });

  it('the same leaves give a different root than SHA-256', () => {
    const sha = new MerkleTree(records.map(recordLeafHash));
    expect(tree.root(20)).not.toEqual(sha.root(20));
    expect(tree.root(0)).toEqual(sm3.emptyRoot);
    expect(sm3.emptyRoot.toString('hex')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('refuses an unknown or repeated hash line', () => {
    const body = (extra: string) => `${ORIGIN}\n1\n${tree.root(1).toString('base64')}\n${extra}`;
    expect(problemOf(() => parseCheckpoint(body('hash MD5\n')))).toBe(LedgerProblem.InvalidCheckpoint);
    expect(problemOf(() => parseCheckpoint(body('hash SM3\nhash SM3\n')))).toBe(LedgerProblem.InvalidCheckpoint);
  });

  it('a CheckpointVerifier follows an SM3 log with SM3 proofs, and refuses a switch of hash', () => {
    const follower = new CheckpointVerifier(ORIGIN, verifier);
    follower.advance(at(5), []);
    expect(follower.advance(at(13), tree.consistencyProof(5, 13)).hashAlgorithm).toBe('SM3');
    follower.verifyRecord(records[7], 7, tree.inclusionProof(7, 13));
    expect(problemOf(() => follower.verifyRecord(records[8], 7, tree.inclusionProof(7, 13)))).toBe(
      LedgerProblem.ProofMismatch,
    );
    // The same records under SHA-256 at size 20: a different log, whatever its proof says.
    const sha = new MerkleTree(records.map(recordLeafHash));
    const switched = signCheckpoint(signer, { origin: ORIGIN, treeSize: 20, rootHash: sha.root(20) });
    expect(problemOf(() => follower.advance(switched, sha.consistencyProof(13, 20)))).toBe(LedgerProblem.Inconsistent);
    expect(follower.advance(at(20), tree.consistencyProof(13, 20)).treeSize).toBe(20);
  });
});

describe('signed notes with SM2 (国密 profile)', () => {
  const sm2 = generateSm2KeyPair();
  const signer = new NoteSigner(ORIGIN, sm2.privateKey);
  const sm3 = treeHasher('SM3');
  const records = sampleRecords(8);
  const tree = new MerkleTree(
    records.map((r) => recordLeafHashIn(sm3, r)),
    sm3,
  );
  const at = (n: number) =>
    signCheckpoint(signer, { origin: ORIGIN, treeSize: n, rootHash: tree.root(n), hashAlgorithm: 'SM3' });

  it('signs with SM2 and verifies through its verifier key; another key or a changed note does not', () => {
    expect(signer.algorithm).toBe('SM2');
    const vkey = signer.verifierKey();
    const typed = Buffer.from(vkey.split('+').slice(2).join('+'), 'base64');
    expect(typed.subarray(0, 7)).toEqual(Buffer.concat([Buffer.of(0xff), Buffer.from('SM2SM3')]));
    const verifier = NoteVerifier.fromVerifierKey(vkey);
    expect(openCheckpoint(at(8), verifier, ORIGIN)).toMatchObject({ treeSize: 8, hashAlgorithm: 'SM3' });
    const other = new NoteVerifier(ORIGIN, generateSm2KeyPair().publicKey);
    expect(problemOf(() => openCheckpoint(at(8), other, ORIGIN))).toBe(LedgerProblem.InvalidCheckpoint);
    const ed = new NoteVerifier(ORIGIN, keyPair().publicKey);
    expect(problemOf(() => openCheckpoint(at(8), ed, ORIGIN))).toBe(LedgerProblem.InvalidCheckpoint);
    const altered = at(8).replace(`\n8\n`, `\n7\n`);
    expect(problemOf(() => openCheckpoint(altered, verifier, ORIGIN))).toBe(LedgerProblem.InvalidCheckpoint);
  });

  it('a parent on the international profile follows an SM2-signed SM3 log by its verifier key', () => {
    const follower = new CheckpointVerifier(ORIGIN, NoteVerifier.fromVerifierKey(signer.verifierKey()));
    follower.advance(at(3), []);
    expect(follower.advance(at(8), tree.consistencyProof(3, 8)).hashAlgorithm).toBe('SM3');
    follower.verifyRecord(records[5], 5, tree.inclusionProof(5, 8));
  });
});
