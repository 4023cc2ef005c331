import { describe, expect, it } from 'vitest';
import checkpointFixture from './fixtures/signed-checkpoint.json';
import {
  fromBase64,
  hashLeaf,
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

  it('says an SM3 log cannot be checked here instead of passing it', async () => {
    const result = await verifyCallInclusion({ ...proof, hashAlgorithm: 'SM3' }, checkpoint);
    expect(result.verified).toBe(false);
    expect(result.steps.find((s) => s.step === 'leafHash')?.outcome).toBe('unsupported');
  });
});
