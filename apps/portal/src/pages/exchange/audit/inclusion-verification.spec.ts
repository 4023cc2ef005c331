import { describe, expect, it } from 'vitest';
import checkpointFixture from './fixtures/signed-checkpoint.json';
import smCheckpointFixture from './fixtures/signed-checkpoint-sm.json';
import {
  fromBase64,
  hashChildren,
  hashLeaf,
  recordLeafHash,
  toBase64,
  verifyCallInclusion,
  verifyInclusion,
  type CheckpointInput,
  type ProofInput,
} from './inclusion-verification.js';

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const VECTORS = Object.entries(
  import.meta.glob<InclusionVector>('./fixtures/inclusion/**/*.json', { eager: true, import: 'default' }),
);

const bytes = (b64: string | null) => (b64 === null ? new Uint8Array() : (fromBase64(b64) ?? new Uint8Array([1])));
const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

describe('RFC 6962 inclusion proofs in WebCrypto', () => {
  it('has the test vectors', () => {
    expect(VECTORS.length).toBeGreaterThan(90);
    expect(VECTORS.filter(([, v]) => !v.wantErr).length).toBeGreaterThan(5);
  });

  it.each(VECTORS)('%s', async (_file, vector) => {
    const valid = await verifyInclusion(
      vector.leafIdx,
      vector.treeSize,
      bytes(vector.leafHash),
      (vector.proof ?? []).map(bytes),
      bytes(vector.root),
    );
    expect(valid).toBe(!vector.wantErr);
  });

  it('hashes leaves as SHA-256(0x00 ‖ data): the root of the one-leaf tree over the empty leaf', async () => {
    expect(await hashLeaf(new Uint8Array())).toEqual(
      hex('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'),
    );
  });

  it('hashes SM3 leaves as SM3(0x00 ‖ data) and nodes as SM3(0x01 ‖ left ‖ right), as the server does', async () => {
    // SM3(0x00) and SM3(0x01 ‖ 0x00 ‖ 0x01), by OpenSSL's SM3 (Node's crypto, which the server hashes with).
    expect(await hashLeaf(new Uint8Array(), 'SM3')).toEqual(
      hex('2daef60e7a0b8f5e024c81cd2ab3109f2b4f155cf83adeb2ae5532f74a157fdf'),
    );
    expect(await hashChildren(Uint8Array.of(0), Uint8Array.of(1), 'SM3')).toEqual(
      hex('3e7e988e9ea017baf115fd9af4ba95c538b8d6cfbf306760c1eac263cbf2ee69'),
    );
  });
});

const checkpoint: CheckpointInput = checkpointFixture.checkpoint;
const proof: ProofInput = checkpointFixture.proof;
const outcomes = async (p: ProofInput, c: CheckpointInput) =>
  Object.fromEntries((await verifyCallInclusion(p, c)).steps.map((s) => [s.step, s.outcome]));

describe('verifying a call against the signed checkpoint (made by the server library)', () => {
  it('passes every step for the record, its proof and the checkpoint as the node made them', async () => {
    const result = await verifyCallInclusion(proof, checkpoint);
    expect(result.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['leafHash', 'passed'],
      ['rootHash', 'passed'],
      ['signature', 'passed'],
      ['treeSize', 'passed'],
    ]);
    expect(result).toMatchObject({ verified: true, failedStep: null, treeSize: 7 });
  });

  it('fails the leaf hash when the record was changed', async () => {
    const record = { ...(proof.record as Record<string, unknown>), items: 99 };
    const result = await verifyCallInclusion({ ...proof, record }, checkpoint);
    expect(result.verified).toBe(false);
    expect(result.failedStep).toBe('leafHash');
  });

  it('fails the root when a hash of the proof was changed', async () => {
    const first = fromBase64(proof.proof[0]!)!;
    first[0] ^= 0x01;
    const tampered = { ...proof, proof: [toBase64(first), ...proof.proof.slice(1)] };
    expect(await outcomes(tampered, checkpoint)).toEqual({
      leafHash: 'passed',
      rootHash: 'failed',
      signature: 'passed',
      treeSize: 'passed',
    });
    expect(await outcomes({ ...proof, proof: proof.proof.slice(1) }, checkpoint)).toMatchObject({ rootHash: 'failed' });
    expect(await outcomes({ ...proof, leafIndex: proof.leafIndex + 1 }, checkpoint)).toMatchObject({
      rootHash: 'failed',
    });
  });

  it('fails the signature when the signature or the signed text was changed, or another key is given', async () => {
    const line = checkpoint.note.slice(checkpoint.note.lastIndexOf('\n\n') + 2);
    const signature = fromBase64(line.trim().split(' ')[2]!)!;
    signature[signature.length - 1] ^= 0x01;
    const badSignature = checkpoint.note.replace(
      line,
      `${line.split(' ').slice(0, 2).join(' ')} ${toBase64(signature)}\n`,
    );
    const result = await verifyCallInclusion(proof, { ...checkpoint, note: badSignature });
    expect(result.failedStep).toBe('signature');
    expect(result.verified).toBe(false);

    // A root swapped in the signed text: the signature no longer covers it.
    const text = checkpoint.note.split('\n');
    text[2] = toBase64(new Uint8Array(32));
    expect(await outcomes(proof, { ...checkpoint, note: text.join('\n') })).toMatchObject({ signature: 'failed' });

    const otherKey = checkpoint.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(await outcomes(proof, { ...checkpoint, verifierKey: otherKey })).toMatchObject({ signature: 'failed' });
    expect(await outcomes(proof, { ...checkpoint, origin: 'govdata/110000/exchange-audit' })).toMatchObject({
      signature: 'failed',
    });
  });

  it('fails the tree size when the proof is for another size than the signed one', async () => {
    expect(await outcomes({ ...proof, treeSize: 8 }, checkpoint)).toMatchObject({ treeSize: 'failed' });
  });

  it('fails a proof that claims another hash than the signed checkpoint states', async () => {
    const result = await verifyCallInclusion({ ...proof, hashAlgorithm: 'SM3' }, checkpoint);
    expect(result.verified).toBe(false);
    expect(result.failedStep).toBe('leafHash');
    expect(await outcomes({ ...proof, hashAlgorithm: 'SM3' }, checkpoint)).toMatchObject({
      leafHash: 'failed',
      rootHash: 'failed',
    });
  });

  it('says a log of a hash it does not know cannot be checked here instead of passing it', async () => {
    const result = await verifyCallInclusion({ ...proof, hashAlgorithm: 'SHA-512' }, { ...checkpoint, note: '' });
    expect(result.verified).toBe(false);
    expect(result.steps.find((s) => s.step === 'leafHash')?.outcome).toBe('unsupported');
  });
});

const smCheckpoint: CheckpointInput = smCheckpointFixture.checkpoint;
const smProof: ProofInput = smCheckpointFixture.proof;

/** The note with its signature's bytes changed by `change`. */
function withSignature(note: string, change: (signature: Uint8Array) => Uint8Array): string {
  const line = note.slice(note.lastIndexOf('\n\n') + 2);
  const [dash, name, encoded] = line.trim().split(' ') as [string, string, string];
  const bytes = fromBase64(encoded)!;
  return note.replace(line, `${dash} ${name} ${toBase64(change(bytes))}\n`);
}

describe('verifying a call of a 国密 node (SM3 log, SM2 checkpoint; made by the server library)', () => {
  it('passes every step for the record, its proof and the checkpoint as the node made them', async () => {
    expect(smProof.hashAlgorithm).toBe('SM3');
    expect(smCheckpoint.note.split('\n')[3]).toBe('hash SM3');
    const result = await verifyCallInclusion(smProof, smCheckpoint);
    expect(result.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['leafHash', 'passed'],
      ['rootHash', 'passed'],
      ['signature', 'passed'],
      ['treeSize', 'passed'],
    ]);
    expect(result).toMatchObject({ verified: true, failedStep: null, treeSize: 7 });
  });

  it('hashes the record with SM3, not SHA-256', async () => {
    const leaf = fromBase64(smProof.leafHash)!;
    expect(await recordLeafHash(smProof.record, 'SM3')).toEqual(leaf);
    expect(await recordLeafHash(smProof.record)).not.toEqual(leaf);
  });

  it('fails the leaf hash when the record was changed', async () => {
    const record = { ...(smProof.record as Record<string, unknown>), items: 99 };
    expect(await outcomes({ ...smProof, record }, smCheckpoint)).toEqual({
      leafHash: 'failed',
      rootHash: 'passed',
      signature: 'passed',
      treeSize: 'passed',
    });
    expect((await verifyCallInclusion({ ...smProof, record }, smCheckpoint)).failedStep).toBe('leafHash');
  });

  it('fails the root when a hash of the proof was changed', async () => {
    const first = fromBase64(smProof.proof[0]!)!;
    first[0] ^= 0x01;
    const tampered = { ...smProof, proof: [toBase64(first), ...smProof.proof.slice(1)] };
    expect(await outcomes(tampered, smCheckpoint)).toEqual({
      leafHash: 'passed',
      rootHash: 'failed',
      signature: 'passed',
      treeSize: 'passed',
    });
    expect((await verifyCallInclusion(tampered, smCheckpoint)).failedStep).toBe('rootHash');
    // The same proof, hashed with SHA-256, does not lead to the SM3 root.
    const path = smProof.proof.map((p) => fromBase64(p)!);
    const root = fromBase64(smCheckpoint.note.split('\n')[2]!)!;
    const leaf = fromBase64(smProof.leafHash)!;
    expect(await verifyInclusion(smProof.leafIndex, smProof.treeSize, leaf, path, root, 'SM3')).toBe(true);
    expect(await verifyInclusion(smProof.leafIndex, smProof.treeSize, leaf, path, root)).toBe(false);
  });

  it('fails the signature when the signature or the signed text was changed, or another key is given', async () => {
    const flipped = withSignature(smCheckpoint.note, (b) => b.map((x, i) => (i === b.length - 1 ? x ^ 0x01 : x)));
    const result = await verifyCallInclusion(smProof, { ...smCheckpoint, note: flipped });
    expect(result).toMatchObject({ verified: false, failedStep: 'signature' });
    expect(result.steps.find((s) => s.step === 'signature')).toMatchObject({
      outcome: 'failed',
      reason: 'the signature by govdata/360000/exchange-audit does not verify',
    });

    // r and s swapped; s = 0 and r = n (out of range): refused, not thrown.
    const swapped = withSignature(smCheckpoint.note, (b) =>
      Uint8Array.from([...b.subarray(0, 4), ...b.subarray(36), ...b.subarray(4, 36)]),
    );
    expect(await outcomes(smProof, { ...smCheckpoint, note: swapped })).toMatchObject({ signature: 'failed' });
    const zeroS = withSignature(smCheckpoint.note, (b) =>
      Uint8Array.from([...b.subarray(0, 36), ...new Uint8Array(32)]),
    );
    expect(await outcomes(smProof, { ...smCheckpoint, note: zeroS })).toMatchObject({ signature: 'failed' });
    const rIsN = withSignature(smCheckpoint.note, (b) =>
      Uint8Array.from([
        ...b.subarray(0, 4),
        ...hex('fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123'),
        ...b.subarray(36),
      ]),
    );
    expect(await outcomes(smProof, { ...smCheckpoint, note: rIsN })).toMatchObject({ signature: 'failed' });

    // A root swapped in the signed text: the signature no longer covers it.
    const text = smCheckpoint.note.split('\n');
    text[2] = toBase64(new Uint8Array(32));
    expect(await outcomes(smProof, { ...smCheckpoint, note: text.join('\n') })).toMatchObject({ signature: 'failed' });
    // The Ed25519 node's key, or this key's hash altered: not the key that signed.
    expect(await outcomes(smProof, { ...smCheckpoint, verifierKey: checkpoint.verifierKey })).toMatchObject({
      signature: 'failed',
    });
    const otherKey = smCheckpoint.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(await outcomes(smProof, { ...smCheckpoint, verifierKey: otherKey })).toMatchObject({ signature: 'failed' });
  });

  it('refuses an SM2 key that is not a point on the curve', async () => {
    const [name] = smCheckpoint.verifierKey.split('+') as [string];
    const typed = fromBase64(
      smCheckpoint.verifierKey.slice(smCheckpoint.verifierKey.indexOf('+', name.length + 1) + 1),
    )!;
    typed[typed.length - 1] ^= 0x01;
    const keyHash = new Uint8Array(
      await crypto.subtle.digest('SHA-256', new Uint8Array([...new TextEncoder().encode(`${name}\n`), ...typed])),
    ).subarray(0, 4);
    const keyHashHex = [...keyHash].map((b) => b.toString(16).padStart(2, '0')).join('');
    const result = await verifyCallInclusion(smProof, {
      ...smCheckpoint,
      verifierKey: `${name}+${keyHashHex}+${toBase64(typed)}`,
    });
    expect(result.steps.find((s) => s.step === 'signature')).toMatchObject({
      outcome: 'failed',
      reason: 'the SM2 key is not a point on the curve',
    });
  });

  it('fails the tree size when the proof is for another size than the signed one', async () => {
    expect(await outcomes({ ...smProof, treeSize: 8 }, smCheckpoint)).toMatchObject({ treeSize: 'failed' });
  });
});
