import { initNodeKey } from '@govdata/federation-feature';
import { waitFor } from '@govdata/platform-testing';
import { sampleApplication } from '../demand/demand-harness.js';
import { enrolChild, linkAddress } from '../federation/federation-harness.js';
import { PERSON_ITEMS, PERSON_MAPPING, PERSONS, PERSONS_OPENAPI, PersonsUpstream } from './exchange-harness.js';
import { serviceAccount, startFullNode, type FullNode } from './full-node.js';

const API_KEY = 'upstream-key-cross-node';

/**
 * 供需对接 and 接口服务 across nodes: a national department finds Jiangxi's data in the 一本账 and
 * applies; its department approves, the Jiangxi provider reviews and grants (the application travels
 * down the link and the decision back up); the national system then calls the provider's API through
 * its own node's exchange — routed down to Jiangxi, whose exchange enforces the grant and logs the call.
 */
describe('apply → review → grant → call across nodes (100000 → 360000)', () => {
  let national: FullNode;
  let province: FullNode;
  let upstream: PersonsUpstream;
  let entryId: string;
  let applicationId: string;

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: API_KEY, bearer: 'unused' }).start();
    national = await startFullNode();
    await initNodeKey(national.node.config);
    province = await startFullNode({
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: {
          code: '100000',
          gateway: national.node.gateway.httpUrl,
          federation: linkAddress({ config: national.node.config }),
        },
      },
    });
    await enrolChild({ config: national.node.config, catalog: national.node }, { config: province.node.config });
  }, 300_000);

  afterAll(async () => {
    await province?.close();
    await national?.close();
    await upstream?.stop();
  });

  it('publishes Jiangxi’s 人口基本信息 with its API, and national’s demand service sees it in the 一本账', async () => {
    const provider = province.node.orgA;
    ({ id: entryId } = await province.node.publishEntry(provider, {
      name: '人口基本信息',
      items: PERSON_ITEMS,
      grade: { category: 'general', level: 3 },
      sharing: { type: 'conditional', conditions: '依法履职需要，经提供方审核', methods: ['platform'] },
    }));
    const dataAdmin = await province.node.token(provider, ['data-admin'], 'data-admin@360000');
    const registered = await province.node.api('POST', '/api/v1/exchange/resources', {
      token: dataAdmin,
      body: {
        entryId,
        baseUrl: upstream.url,
        openapi: PERSONS_OPENAPI,
        operations: [{ operationId: 'getPerson', recordsAt: '' }],
        responseItems: PERSON_MAPPING,
        credentials: { kind: 'api-key', in: 'header', name: 'X-Api-Key', value: API_KEY },
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    await waitFor(
      async () =>
        (await national.node.demandSql('SELECT 1 FROM entry_ref WHERE entry_id = $1', [entryId])).length > 0 ||
        undefined,
      60_000,
      'the Jiangxi entry known to national’s demand service',
    );
  });

  it('carries the application to Jiangxi for review and the grant back to national', async () => {
    const consumer = national.node.orgB;
    const applicant = await national.node.token(consumer, ['demand-applicant'], 'applicant@100000');
    const approver = await national.node.token(consumer, ['demand-approver'], 'approver@100000');
    const filed = await national.node.api('POST', '/api/v1/demand/applications', {
      token: applicant,
      body: sampleApplication(entryId, { requestedItems: ['姓名', '公民身份号码', '手机号码'] }),
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    applicationId = filed.body.id;
    const approved = await national.node.api('POST', `/api/v1/demand/applications/${applicationId}/approve`, {
      token: approver,
      body: {},
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.state).toBe('provider-review');

    const reviewer = await province.node.token(province.node.orgA, ['provider-reviewer'], 'reviewer@360000');
    await waitFor(
      async () => {
        const seen = await province.node.api('GET', `/api/v1/demand/applications/${applicationId}`, {
          token: reviewer,
        });
        return seen.status === 200 && seen.body.state === 'provider-review' ? true : undefined;
      },
      60_000,
      'the application at Jiangxi, waiting for the provider',
    );
    const granted = await province.node.api('POST', `/api/v1/demand/applications/${applicationId}/approve`, {
      token: reviewer,
      body: { terms: { ratePerSecond: 20, burst: 40 } },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body.state).toBe('granted');

    // Both ends show the same state.
    const atNational = await waitFor(
      async () => {
        const seen = await national.node.api('GET', `/api/v1/demand/applications/${applicationId}`, {
          token: applicant,
        });
        return seen.body.state === 'granted' ? seen.body : undefined;
      },
      60_000,
      'the grant back at national',
    );
    expect(atNational.version).toBe(granted.body.version);
  });

  it('routes the national system’s call to Jiangxi, which enforces the grant, filters the items and logs it', async () => {
    const account = await serviceAccount(national.node, national.node.orgB.id);
    const person = PERSONS[0]!;
    const answer = await waitFor(
      async () => {
        const res = await national.node.api('GET', `/api/v1/exchange/calls/${applicationId}/persons/${person.sfzh}`, {
          token: account,
        });
        return res.status === 200 ? res : undefined;
      },
      60_000,
      'the call answered by Jiangxi',
    );
    expect(Object.keys(answer.body).sort()).toEqual(['sfzh', 'sjh', 'xm']);
    expect(answer.body.sfzh).not.toBe(person.sfzh); // masked for the grade
    const callId = answer.headers.get('x-govdata-call-id');
    expect(callId).toBeTruthy();
    expect(answer.headers.get('x-govdata-ledger-index')).toMatch(/^\d+$/);

    const auditor = await province.node.token(province.node.orgA, ['data-admin'], 'data-admin@360000');
    const records = await province.node.api('GET', '/api/v1/exchange/audit/records?side=provider', {
      token: auditor,
    });
    expect(records.status, JSON.stringify(records.body)).toBe(200);
    expect(JSON.stringify(records.body)).toContain(callId!);
  });

  it('answers 503 provider-unreachable at once when Jiangxi cannot be reached', async () => {
    await province.stopFederation();
    const account = await serviceAccount(national.node, national.node.orgB.id);
    const refused = await waitFor(
      async () => {
        const res = await national.node.api(
          'GET',
          `/api/v1/exchange/calls/${applicationId}/persons/${PERSONS[0]!.sfzh}`,
          { token: account },
        );
        return res.status === 503 ? res : undefined;
      },
      30_000,
      'the link down seen by national',
    );
    expect(refused.body.reason).toBe('provider-unreachable');
    expect(refused.headers.get('retry-after')).toBe('30');
  });
});
