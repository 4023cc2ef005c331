import { generateKeyPairSync } from 'node:crypto';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { hashLeaf } from '../rfc6962/hashes.js';
import { MerkleTree } from '../rfc6962/merkle-tree.js';
import { recordLeafHash } from '../audit-record.js';
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
