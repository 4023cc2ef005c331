import {
  AuditLedgerRepository,
  CheckpointVerifier,
  LedgerError,
  LedgerProblem,
  NoteVerifier,
} from '@govdata/exchange-ledger';
import { auditLogOrigin } from '@govdata/exchange-feature';
import {
  PERSON_ITEMS,
  PersonsUpstream,
  startExchangeNode,
  type ExchangeNode,
  type ServiceAccount,
} from './exchange-harness.js';

const API_KEY = 'ledger-key-44aa';
const fromBase64 = (proof: string[]) => proof.map((p) => Buffer.from(p, 'base64'));

/**
 * The exchange's audit ledger as provider and consumer see it: every answered call logged, signed
 * checkpoints, inclusion proofs by call id, consistency between checkpoints, each party's own
 * records verifying with the ledger library's verifier — and a row changed behind the service's
 * back failing verification.
 */
describe('exchange audit ledger', () => {
  let node: ExchangeNode;
  let upstream: PersonsUpstream;
  let account: ServiceAccount;
  let grantId: string;
  let consumerReader: string;
  let providerReader: string;
  let follower: CheckpointVerifier;
  const answered: Array<{ callId: string; ledgerIndex: number; status: number }> = [];

  async function call(path: string) {
    const res = await node.api('GET', `/api/v1/exchange/calls/${grantId}${path}`, { token: account.token });
    const entry = {
      callId: res.headers.get('x-govdata-call-id')!,
      ledgerIndex: Number(res.headers.get('x-govdata-ledger-index')),
      status: res.status,
    };
    answered.push(entry);
    return entry;
  }

  async function checkpoint() {
    const res = await node.api('GET', '/api/v1/exchange/audit/checkpoint', { token: consumerReader });
    expect(res.status).toBe(200);
    return res.body as { origin: string; treeSize: number; note: string; verifierKey: string; rootHash: string };
  }

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: API_KEY, bearer: 'unused' }).start();
    node = await startExchangeNode();
    consumerReader = await node.userToken(node.consumer, []);
    providerReader = await node.userToken(node.provider, []);
    account = await node.serviceAccount(node.consumer, ['api-consumer']);
    const entryId = await node.publishEntry({
      code: '101001/100000000009',
      grade: { category: 'general', level: 2 },
      items: PERSON_ITEMS,
    });
    await node.registerPersonsResource({
      entryId,
      baseUrl: upstream.url,
      apiKey: API_KEY,
      operations: [
        { operationId: 'getPerson', recordsAt: '' },
        { operationId: 'listPersons', recordsAt: 'data.list' },
      ],
    });
    grantId = await node.grant({ entryId, items: ['姓名', '公民身份号码'], burst: 1_000 });
  });

  afterAll(async () => {
    await node?.close();
    await upstream?.stop();
  });

  it('logs every answered call, and a consumer verifies its call against a signed checkpoint', async () => {
    const first = await call('/persons/36010219900307123X');
    const missing = await call('/persons/000');
    expect([first.status, missing.status]).toEqual([200, 404]);
    expect(missing.ledgerIndex).toBe(first.ledgerIndex + 1);

    const cp = await checkpoint();
    expect(cp.origin).toBe(auditLogOrigin(node.config.node.code));
    expect(cp.treeSize).toBeGreaterThanOrEqual(2);
    follower = new CheckpointVerifier(cp.origin, NoteVerifier.fromVerifierKey(cp.verifierKey));
    follower.advance(cp.note, []);

    const proof = await node.api(
      'GET',
      `/api/v1/exchange/audit/inclusion?callId=${first.callId}&treeSize=${cp.treeSize}`,
      { token: consumerReader },
    );
    expect(proof.status, JSON.stringify(proof.body)).toBe(200);
    expect(proof.body.record).toMatchObject({
      callId: first.callId,
      grantId,
      consumer: { organisationId: node.consumer.id, subject: `service:${account.clientId}` },
      provider: { organisationId: node.provider.id },
      outcome: 'ok',
      items: 1,
    });
    expect(() =>
      follower.verifyRecord(proof.body.record, proof.body.leafIndex, fromBase64(proof.body.proof)),
    ).not.toThrow();
    // The same record with another outcome is not in the log.
    expect(() =>
      follower.verifyRecord(
        { ...proof.body.record, outcome: 'denied' },
        proof.body.leafIndex,
        fromBase64(proof.body.proof),
      ),
    ).toThrow(LedgerError);

    // Only the parties (and node overseers) get a call's proof.
    const stranger = await node.api('GET', `/api/v1/exchange/audit/inclusion?callId=${first.callId}`, {
      token: await node.userToken(node.stranger, []),
    });
    expect(stranger.status).toBe(404);
    const malformed = await node.api('GET', '/api/v1/exchange/audit/inclusion?callId=nope', { token: consumerReader });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('callId');
  });

  it('answers concurrent calls each with its own ledger entry, and the log grows consistently', async () => {
    const before = await checkpoint();
    const burst = await Promise.all(Array.from({ length: 24 }, () => call('/persons?sfzh=360102199511110026')));
    expect(burst.every((c) => c.status === 200)).toBe(true);
    const indices = burst.map((c) => c.ledgerIndex);
    expect(new Set(indices).size).toBe(24);
    const rows = await node.sql<{ leaf_index: string; call_id: string }>(
      `SELECT leaf_index, record->>'callId' AS call_id FROM audit_leaf WHERE leaf_index = ANY($1::bigint[])`,
      [indices],
    );
    expect(new Map(rows.map((r) => [Number(r.leaf_index), r.call_id]))).toEqual(
      new Map(burst.map((c) => [c.ledgerIndex, c.callId])),
    );

    const after = await checkpoint();
    expect(after.treeSize).toBeGreaterThanOrEqual(before.treeSize + 24);
    const consistency = await node.api(
      'GET',
      `/api/v1/exchange/audit/consistency?from=${before.treeSize}&to=${after.treeSize}`,
      { token: providerReader },
    );
    expect(consistency.status).toBe(200);
    expect(follower.advance(after.note, fromBase64(consistency.body.proof)).treeSize).toBe(after.treeSize);
    const backwards = await node.api('GET', `/api/v1/exchange/audit/consistency?from=${after.treeSize}&to=1`, {
      token: providerReader,
    });
    expect(backwards.status).toBe(400);
  });

  it('gives consumer and provider their own records with proofs that verify', async () => {
    const cp = await checkpoint();
    for (const [token, side] of [
      [consumerReader, 'consumer'],
      [providerReader, 'provider'],
    ] as const) {
      const res = await node.api(
        'GET',
        `/api/v1/exchange/audit/records?side=${side}&limit=500&treeSize=${cp.treeSize}`,
        {
          token,
        },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.map((i: { record: { callId: string } }) => i.record.callId).sort()).toEqual(
        answered.map((a) => a.callId).sort(),
      );
      for (const item of res.body.items) follower.verifyRecord(item.record, item.leafIndex, fromBase64(item.proof));
    }
    const strangers = await node.api('GET', '/api/v1/exchange/audit/records?side=consumer', {
      token: await node.userToken(node.stranger, []),
    });
    expect(strangers.body.items).toEqual([]);
  });

  it('refuses to change a logged row, and a row changed behind its back fails verification', async () => {
    const victim = answered[0]!;
    await expect(
      node.sql(`UPDATE audit_leaf SET record = jsonb_set(record, '{outcome}', '"denied"') WHERE leaf_index = $1`, [
        victim.ledgerIndex,
      ]),
    ).rejects.toThrow(/append-only/);
    // An administrator with the triggers off (as someone editing rows by hand would).
    await node.sql(
      `DO $$ BEGIN
         SET LOCAL session_replication_role = replica;
         UPDATE audit_leaf SET record = jsonb_set(record, '{bytes}', '1') WHERE leaf_index = ${victim.ledgerIndex};
       END $$`,
    );
    const cp = await checkpoint();
    const proof = await node.api(
      'GET',
      `/api/v1/exchange/audit/inclusion?callId=${victim.callId}&treeSize=${cp.treeSize}`,
      {
        token: consumerReader,
      },
    );
    expect(proof.body.record.bytes).toBe(1);
    let problem: LedgerProblem | undefined;
    try {
      follower.verifyRecord(proof.body.record, proof.body.leafIndex, fromBase64(proof.body.proof));
    } catch (error) {
      problem = (error as LedgerError).problem;
    }
    expect(problem).toBe(LedgerProblem.ProofMismatch);

    const audit = await new AuditLedgerRepository(auditLogOrigin(node.config.node.code)).verifyLog(
      node.exchange.dataSource.manager,
      { verifier: NoteVerifier.fromVerifierKey(cp.verifierKey) },
    );
    expect(audit.firstIssue).toMatchObject({ problem: 'record_mismatch', leafIndex: victim.ledgerIndex });
  });
});
