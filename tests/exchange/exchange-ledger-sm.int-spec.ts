import {
  CheckpointVerifier,
  LedgerError,
  NoteVerifier,
  SHA256_TREE,
  treeHasher,
  verifyInclusion,
} from '@govdata/exchange-ledger';
import { jwsHeader } from '@govdata/platform-crypto';
import {
  PERSON_ITEMS,
  PersonsUpstream,
  startExchangeNode,
  type ExchangeNode,
  type ServiceAccount,
} from './exchange-harness.js';

const API_KEY = 'sm-ledger-key-71c2';
const fromBase64 = (proof: string[]) => proof.map((p) => Buffer.from(p, 'base64'));

/**
 * An exchange node of the 国密 profile (`crypto.profile: sm`): the upstream's API key sealed with
 * SM4, the audit ledger hashed with SM3 and saying so in its checkpoints and proofs, which a
 * consumer verifies with SM3.
 */
describe('exchange under the sm crypto profile', () => {
  let node: ExchangeNode;
  let upstream: PersonsUpstream;
  let account: ServiceAccount;
  let grantId: string;
  let reader: string;

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: API_KEY, bearer: 'unused' }).start();
    node = await startExchangeNode({ crypto: { profile: 'sm' } });
    reader = await node.userToken(node.consumer, []);
    account = await node.serviceAccount(node.consumer, ['api-consumer']);
    const entryId = await node.publishEntry({
      code: '101001/100000000019',
      grade: { category: 'general', level: 2 },
      items: PERSON_ITEMS,
    });
    await node.registerPersonsResource({
      entryId,
      baseUrl: upstream.url,
      apiKey: API_KEY,
      operations: [{ operationId: 'getPerson', recordsAt: '' }],
    });
    grantId = await node.grant({ entryId, items: ['姓名', '公民身份号码'], burst: 1_000 });
  });

  afterAll(async () => {
    await node?.close();
    await upstream?.stop();
  });

  it('publishes an SM2 key and issues SM2-signed tokens that the exchange accepts', async () => {
    const jwks = await node.api<{ keys: Array<{ crv: string; alg: string }> }>('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.map((k) => [k.crv, k.alg])).toEqual([['SM2', 'SM2SM3']]);
    // The service account's token, from the gateway's client_credentials grant.
    expect(jwsHeader(account.token)?.['alg']).toBe('SM2SM3');
    const res = await node.api('GET', `/api/v1/exchange/calls/${grantId}/persons/36010219900307123X`, {
      token: account.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // A token signed with the right claims but another SM2 key is refused.
    const [header, body] = account.token.split('.');
    const forged = `${header}.${body}.${Buffer.alloc(64, 7).toString('base64url')}`;
    const refused = await node.api('GET', `/api/v1/exchange/calls/${grantId}/persons/36010219900307123X`, {
      token: forged,
    });
    expect(refused.status).toBe(401);
  });

  it('seals the upstream credential with SM4 and still calls the upstream with it', async () => {
    const rows = await node.sql<{ credential_cipher: string }>('SELECT credential_cipher FROM api_resource');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.credential_cipher).toMatch(/^v2\.SM4-CTR-HMAC-SM3\.[0-9a-f]{16}\./);
    expect(rows[0]!.credential_cipher).not.toContain(API_KEY);
    const res = await node.api('GET', `/api/v1/exchange/calls/${grantId}/persons/36010219900307123X`, {
      token: account.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('logs calls in an SM3 ledger whose checkpoint and proofs state SM3 and verify with it', async () => {
    const res = await node.api('GET', `/api/v1/exchange/calls/${grantId}/persons/36010219900307123X`, {
      token: account.token,
    });
    expect(res.status).toBe(200);
    const callId = res.headers.get('x-govdata-call-id')!;
    const [head] = await node.sql<{ hash_algorithm: string }>('SELECT hash_algorithm FROM audit_log_head');
    expect(head!.hash_algorithm).toBe('SM3');

    const cp = await node.api<{
      hashAlgorithm: string;
      note: string;
      verifierKey: string;
      origin: string;
      treeSize: number;
      rootHash: string;
    }>('GET', '/api/v1/exchange/audit/checkpoint', { token: reader });
    expect(cp.status, JSON.stringify(cp.body)).toBe(200);
    expect(cp.body.hashAlgorithm).toBe('SM3');
    expect(cp.body.note.split('\n')[3]).toBe('hash SM3');
    // Signed with SM2: the verifier key is typed 0xff "SM2SM3".
    const typedKey = Buffer.from(cp.body.verifierKey.split('+').slice(2).join('+'), 'base64');
    expect(typedKey.subarray(1, 7).toString()).toBe('SM2SM3');
    const follower = new CheckpointVerifier(cp.body.origin, NoteVerifier.fromVerifierKey(cp.body.verifierKey));
    expect(follower.advance(cp.body.note, []).hashAlgorithm).toBe('SM3');

    const proof = await node.api<{
      hashAlgorithm: string;
      record: unknown;
      leafIndex: number;
      leafHash: string;
      proof: string[];
    }>('GET', `/api/v1/exchange/audit/inclusion?callId=${callId}&treeSize=${cp.body.treeSize}`, { token: reader });
    expect(proof.status, JSON.stringify(proof.body)).toBe(200);
    expect(proof.body.hashAlgorithm).toBe('SM3');
    follower.verifyRecord(proof.body.record, proof.body.leafIndex, fromBase64(proof.body.proof));
    const root = Buffer.from(cp.body.rootHash, 'base64');
    const leaf = Buffer.from(proof.body.leafHash, 'base64');
    const path = fromBase64(proof.body.proof);
    verifyInclusion(proof.body.leafIndex, cp.body.treeSize, leaf, path, root, treeHasher('SM3'));
    if (cp.body.treeSize > 1) {
      // With SHA-256 the same proof leads elsewhere.
      expect(() => verifyInclusion(proof.body.leafIndex, cp.body.treeSize, leaf, path, root, SHA256_TREE)).toThrow(
        LedgerError,
      );
    }
  });
});
