import { AuditLedgerRepository } from '@govdata/exchange-ledger';
import { auditLogOrigin, exchangeService } from '@govdata/exchange-feature';
import { startService, type RunningService } from '@govdata/platform-service';
import { freePort } from '@govdata/platform-testing';
import {
  PERSON_ITEMS,
  PersonsUpstream,
  startExchangeNode,
  type ExchangeNode,
  type ServiceAccount,
} from './exchange-harness.js';

const API_KEY = 'upstream-key-replicas';

/**
 * Two replicas of a node's exchange on one database and one Redis, as a node scaled out runs them:
 * a grant revoked through one is refused by the other at its very next call, and calls logged by
 * both make one consistent audit ledger.
 */
describe('exchange replicas', () => {
  let node: ExchangeNode;
  let upstream: PersonsUpstream;
  let replica: RunningService;
  let account: ServiceAccount;
  let dataAdmin: string;
  let entryId: string;

  const callAt = (exchange: RunningService, grantId: string) =>
    fetch(`${exchange.httpUrl}/api/v1/exchange/calls/${grantId}/persons`, {
      headers: { authorization: `Bearer ${account.token}` },
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: API_KEY, bearer: 'unused' }).start();
    node = await startExchangeNode();
    dataAdmin = await node.userToken(node.provider, ['data-admin']);
    entryId = await node.publishEntry({
      code: '101001/100000000200',
      grade: { category: 'general', level: 3 },
      items: PERSON_ITEMS,
    });
    await node.registerPersonsResource({
      entryId,
      baseUrl: upstream.url,
      apiKey: API_KEY,
      operations: [{ operationId: 'listPersons', recordsAt: 'data.list' }],
    });
    account = await node.serviceAccount(node.consumer, ['api-consumer']);
    const [http, grpc] = [await freePort(), await freePort()];
    replica = await startService(
      exchangeService,
      { ...node.config, services: { ...node.config.services, exchange: { http, grpc } } },
      { provision: false },
    );
  });

  afterAll(async () => {
    await replica?.close();
    await node?.close();
    await upstream?.stop();
  });

  it('refuses a grant revoked through one replica at the next call on the other', async () => {
    const grantId = await node.grant({ entryId, items: ['姓名'], serviceAccounts: [account.clientId] });
    // Both replicas have the grant's plan in memory.
    expect((await callAt(node.exchange, grantId)).status).toBe(200);
    expect((await callAt(replica, grantId)).status).toBe(200);

    const revoked = await node.api('POST', `/api/v1/exchange/grants/${grantId}/revoke`, {
      token: dataAdmin,
      body: { reason: '超出用途使用' },
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const refused = await callAt(replica, grantId);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ reason: 'grant-revoked' });
    expect((await callAt(node.exchange, grantId)).body).toMatchObject({ reason: 'grant-revoked' });
  });

  it('logs the calls of both replicas, made at once, in one ledger that verifies', async () => {
    const grantId = await node.grant({ entryId, items: ['姓名', '出生日期'], serviceAccounts: [account.clientId] });
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => callAt(i % 2 === 0 ? node.exchange : replica, grantId)),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));

    const ledger = new AuditLedgerRepository(auditLogOrigin(node.config.node.code));
    const manager = replica.dataSource.manager;
    const head = await ledger.head(manager);
    const [{ calls, distinct }] = await node.sql<{ calls: number; distinct: number }>(
      'SELECT count(*)::int AS calls, count(DISTINCT leaf_index)::int AS distinct FROM exchange_call',
    );
    expect(calls).toBe(head.treeSize);
    expect(distinct).toBe(calls);
    expect((await ledger.verifyLog(manager)).firstIssue).toBeNull();
  });
});
