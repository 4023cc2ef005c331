import { initNodeKey } from '@govdata/federation-feature';
import type { NodeConfigInput } from '@govdata/platform-config';
import { freePort, queryNodeDatabase, waitFor, type DeepPartial } from '@govdata/platform-testing';
import { sampleApplication } from '../demand/demand-harness.js';
import { enrolChild } from '../federation/federation-harness.js';
import { PERSON_ITEMS, PERSON_MAPPING, PERSONS, PERSONS_OPENAPI, PersonsUpstream } from './exchange-harness.js';
import { serviceAccount, startFullNode, type FullNode } from './full-node.js';

const NATIONAL = '100000';
const PROVINCE = '360000';
const CITY = '360100';
/** 公安部 — a ministry node under national, in a subtree apart from Jiangxi's. */
const MINISTRY = '11100000000013338W';
const API_KEY = 'upstream-key-nanchang-to-ministry';

/** Ports a node's children need before it starts: its gateway (enrolment) and its link port. */
interface NodePorts {
  gateway: number;
  link: number;
}

async function nodePorts(): Promise<NodePorts> {
  return { gateway: await freePort(), link: await freePort() };
}

/** A full node of the tree on small pools, its ports picked beforehand so that children can name them. */
async function startTreeNode(
  node: { code: string; name: string; level: 'national' | 'provincial' | 'municipal' | 'ministry' },
  ports: NodePorts,
  parent: NodePorts | null,
  parentCode?: string,
): Promise<FullNode> {
  const overrides: DeepPartial<NodeConfigInput> = {
    node: {
      ...node,
      parent: parent
        ? {
            code: parentCode!,
            gateway: `http://127.0.0.1:${parent.gateway}`,
            federation: `127.0.0.1:${parent.link}`,
          }
        : null,
    },
    identity: { issuer: `http://127.0.0.1:${ports.gateway}` },
    services: { gateway: { http: ports.gateway }, federation: { link: ports.link } },
    postgres: { poolSize: 2 },
  };
  return startFullNode(overrides);
}

/**
 * 供需对接 across subtrees: a Nanchang (360100) department applies for data of a ministry node
 * (公安部, under national). Nanchang's 一本账 holds only its own subtree, so the entry is looked up by
 * its code at the ministry's catalog, routed 360100 → 360000 → 100000 → ministry. The application's
 * changes travel the same way as messages on the federation's logs (up from Nanchang to national,
 * down to the ministry) and the ministry's decision comes back down through national and Jiangxi.
 * Nanchang's system then calls the ministry's API through its own exchange; the ministry enforces
 * the grant and logs the call.
 */
describe('apply → review → grant → call from Nanchang to a ministry (360100 → 360000 → 100000 → ministry)', () => {
  let national: FullNode;
  let province: FullNode;
  let city: FullNode;
  let ministry: FullNode;
  let upstream: PersonsUpstream;
  let entry: { id: string; code: string };
  let applicationId: string;
  let applicant: string;

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: API_KEY, bearer: 'unused' }).start();
    const [nationalPorts, provincePorts, cityPorts, ministryPorts] = await Promise.all([
      nodePorts(),
      nodePorts(),
      nodePorts(),
      nodePorts(),
    ]);
    [national, province, city, ministry] = await Promise.all([
      startTreeNode({ code: NATIONAL, name: '国家政务数据共享平台', level: 'national' }, nationalPorts, null),
      startTreeNode(
        { code: PROVINCE, name: '江西省政务数据共享平台', level: 'provincial' },
        provincePorts,
        nationalPorts,
        NATIONAL,
      ),
      startTreeNode(
        { code: CITY, name: '南昌市政务数据共享平台', level: 'municipal' },
        cityPorts,
        provincePorts,
        PROVINCE,
      ),
      startTreeNode(
        { code: MINISTRY, name: '公安部数据共享平台', level: 'ministry' },
        ministryPorts,
        nationalPorts,
        NATIONAL,
      ),
    ]);
    await initNodeKey(national.node.config);
    const parentOf = (n: FullNode) => ({ config: n.node.config, catalog: n.node });
    await enrolChild(parentOf(national), { config: province.node.config });
    await Promise.all([
      enrolChild(parentOf(national), { config: ministry.node.config }),
      enrolChild(parentOf(province), { config: city.node.config }),
    ]);
    applicant = await city.node.token(city.node.orgB, ['demand-applicant'], 'applicant@360100');
  }, 300_000);

  afterAll(async () => {
    // Every link goes down first, then the nodes stop side by side: each service's stop mostly waits
    // on its Kafka consumer, and one node after another took some 40 s.
    const nodes = [city, ministry, province, national].filter(Boolean);
    await Promise.allSettled(nodes.map((n) => n.stopFederation()));
    const closed = await Promise.allSettled(nodes.map((n) => n.close()));
    await upstream?.stop();
    const failed = closed.find((c) => c.status === 'rejected');
    if (failed) throw failed.reason;
  });

  const file = (body: unknown) => city.node.api('POST', '/api/v1/demand/applications', { token: applicant, body });

  it('publishes the ministry’s conditionally shared entry with its API; Nanchang’s 一本账 does not hold it', async () => {
    const provider = ministry.node.orgA;
    entry = await ministry.node.publishEntry(provider, {
      name: '全国人口基本信息',
      items: PERSON_ITEMS,
      regionCode: NATIONAL,
      grade: { category: 'general', level: 3 },
      sharing: { type: 'conditional', conditions: '依法履职需要，经提供方审核', methods: ['platform'] },
    });
    expect(entry.code).toMatch(new RegExp(`^101001/${MINISTRY}\\d{6}$`));
    const dataAdmin = await ministry.node.token(provider, ['data-admin'], `data-admin@${MINISTRY}`);
    const registered = await ministry.node.api('POST', '/api/v1/exchange/resources', {
      token: dataAdmin,
      body: {
        entryId: entry.id,
        baseUrl: upstream.url,
        openapi: PERSONS_OPENAPI,
        operations: [{ operationId: 'getPerson', recordsAt: '' }],
        responseItems: PERSON_MAPPING,
        credentials: { kind: 'api-key', in: 'header', name: 'X-Api-Key', value: API_KEY },
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(await city.node.demandSql('SELECT 1 FROM entry_ref WHERE entry_id = $1', [entry.id])).toEqual([]);
  });

  it('looks the entry up at the ministry by its code: unknown entries 404, wrong items 422, naming the field', async () => {
    const unknown = `101001/${MINISTRY}999999`;
    const missing = await waitFor(
      async () => {
        const res = await file(sampleApplication('', { target: { kind: 'entry', entryCode: unknown } }));
        return res.status === 503 ? undefined : res; // the links may still be coming up
      },
      60_000,
      'the ministry reachable from Nanchang',
    );
    expect(missing.status, JSON.stringify(missing.body)).toBe(404);
    expect(missing.body.errors[0]).toMatchObject({ path: 'target.entryCode', rule: 'published-entry' });

    const wrongItems = await file(
      sampleApplication('', { target: { kind: 'entry', entryCode: entry.code }, requestedItems: ['姓名', '参保状态'] }),
    );
    expect(wrongItems.status, JSON.stringify(wrongItems.body)).toBe(422);
    expect(wrongItems.body.errors[0]).toMatchObject({ path: 'requestedItems.1', rule: 'entry-item' });

    const both = await file(
      sampleApplication(entry.id, { target: { kind: 'entry', entryId: entry.id, entryCode: entry.code } }),
    );
    expect(both.status).toBe(400);

    // The entry is now held at Nanchang as looked up, with the ministry's owner and sharing type.
    const [held] = await city.node.demandSql<{ node_code: string; sharing_type: string; looked_up_at: Date | null }>(
      'SELECT node_code, sharing_type, looked_up_at FROM entry_ref WHERE entry_id = $1',
      [entry.id],
    );
    expect(held).toMatchObject({ node_code: MINISTRY, sharing_type: 'conditional' });
    expect(held!.looked_up_at).not.toBeNull();
  });

  it('carries the application to the ministry through national and the grant back; both ends show the same', async () => {
    const filed = await file(
      sampleApplication('', {
        target: { kind: 'entry', entryCode: entry.code },
        requestedItems: ['姓名', '公民身份号码', '手机号码'],
      }),
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    applicationId = filed.body.id;
    expect(filed.body).toMatchObject({
      state: 'department-review',
      nodeCode: CITY,
      target: {
        kind: 'entry',
        entryId: entry.id,
        entryCode: entry.code,
        providerNode: MINISTRY,
        providerOrganisationId: ministry.node.orgA.id,
      },
    });

    const approver = await city.node.token(city.node.orgB, ['demand-approver'], 'approver@360100');
    const approved = await city.node.api('POST', `/api/v1/demand/applications/${applicationId}/approve`, {
      token: approver,
      body: {},
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ state: 'provider-review', turn: { nodeCode: MINISTRY } });

    const reviewer = await ministry.node.token(ministry.node.orgA, ['provider-reviewer'], `reviewer@${MINISTRY}`);
    const read = (n: FullNode, token: string) =>
      n.node.api('GET', `/api/v1/demand/applications/${applicationId}`, { token });
    await waitFor(
      async () => ((await read(ministry, reviewer)).body.state === 'provider-review' ? true : undefined),
      60_000,
      'the application at the ministry, waiting for its reviewer',
    );
    // It travelled up Nanchang → Jiangxi → national and down national → ministry.
    const routed = await queryNodeDatabase<{ path: string[] }>(
      national.node.config,
      'federation',
      'SELECT path FROM downward_log WHERE destination = $1',
      [MINISTRY],
    );
    expect(routed.map((r) => r.path)).toContainEqual([CITY, PROVINCE, NATIONAL]);

    const granted = await ministry.node.api('POST', `/api/v1/demand/applications/${applicationId}/approve`, {
      token: reviewer,
      body: { terms: { items: ['姓名', '公民身份号码'], ratePerSecond: 20, burst: 40 } },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body).toMatchObject({ state: 'granted', changedAtNode: MINISTRY });

    const atCity = await waitFor(
      async () => {
        const seen = await read(city, applicant);
        return seen.body.state === 'granted' ? seen.body : undefined;
      },
      60_000,
      'the grant back at Nanchang',
    );
    const atMinistry = (await read(ministry, reviewer)).body;
    const shared = (v: any) => ({
      version: v.version,
      state: v.state,
      grant: v.grant,
      turn: v.turn,
      timeline: v.timeline.map(({ overdue: _overdue, ...step }: any) => step),
    });
    expect(shared(atCity)).toEqual(shared(atMinistry));
    expect(atCity.grant).toMatchObject({ consumerNode: CITY, providerNode: MINISTRY, items: ['姓名', '公民身份号码'] });
    // The decision came back down national → Jiangxi → Nanchang.
    const back = await queryNodeDatabase<{ path: string[] }>(
      province.node.config,
      'federation',
      'SELECT path FROM downward_log WHERE destination = $1',
      [CITY],
    );
    expect(back.map((r) => r.path)).toContainEqual([MINISTRY, NATIONAL, PROVINCE]);
  });

  it('routes Nanchang’s call to the ministry, which filters to the granted items and logs it', async () => {
    const account = await serviceAccount(city.node, city.node.orgB.id);
    const person = PERSONS[0]!;
    const answer = await waitFor(
      async () => {
        const res = await city.node.api('GET', `/api/v1/exchange/calls/${applicationId}/persons/${person.sfzh}`, {
          token: account,
        });
        return res.status === 200 ? res : undefined;
      },
      60_000,
      'the call answered by the ministry',
    );
    expect(Object.keys(answer.body).sort()).toEqual(['sfzh', 'xm']);
    const callId = answer.headers.get('x-govdata-call-id');
    expect(callId).toBeTruthy();

    const auditor = await ministry.node.token(ministry.node.orgA, ['data-admin'], `data-admin@${MINISTRY}`);
    const records = await ministry.node.api('GET', '/api/v1/exchange/audit/records?side=provider', {
      token: auditor,
    });
    expect(records.status, JSON.stringify(records.body)).toBe(200);
    expect(JSON.stringify(records.body)).toContain(callId!);
  });

  it('revokes the grant from the ministry’s side: the next call from Nanchang is refused, both ends show revoked', async () => {
    const reviewer = await ministry.node.token(ministry.node.orgA, ['provider-reviewer'], `reviewer@${MINISTRY}`);
    const revoke = (token: string, body: unknown) =>
      ministry.node.api('POST', `/api/v1/demand/applications/${applicationId}/revoke`, { token, body });
    // 非因法定事由不得拒绝: a revocation cites a legal ground too.
    expect((await revoke(reviewer, { comment: '不再提供' })).status).toBe(400);
    const notApplicant = await city.node.api('POST', `/api/v1/demand/applications/${applicationId}/revoke`, {
      token: applicant,
      body: { groundCode: 'beyond-duty' },
    });
    expect(notApplicant.status).toBe(409); // the ministry holds the turn of a running grant
    const revoked = await revoke(reviewer, { groundCode: 'beyond-duty', comment: '调用超出申请用途' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', grant: null, turn: null });
    expect(revoked.body.timeline.at(-1)).toMatchObject({
      step: 'revocation',
      decision: 'revoked',
      groundCode: 'beyond-duty',
      actor: { nodeCode: MINISTRY },
    });

    const atCity = await waitFor(
      async () => {
        const seen = await city.node.api('GET', `/api/v1/demand/applications/${applicationId}`, { token: applicant });
        return seen.body.state === 'revoked' ? seen.body : undefined;
      },
      60_000,
      'the revocation back at Nanchang',
    );
    const atMinistry = (
      await ministry.node.api('GET', `/api/v1/demand/applications/${applicationId}`, { token: reviewer })
    ).body;
    expect(atCity.version).toBe(revoked.body.version);
    expect(atCity.timeline.map(({ overdue: _o, ...s }: any) => s)).toEqual(
      atMinistry.timeline.map(({ overdue: _o, ...s }: any) => s),
    );

    const account = await serviceAccount(city.node, city.node.orgB.id);
    const refused = await waitFor(
      async () => {
        const res = await city.node.api('GET', `/api/v1/exchange/calls/${applicationId}/persons/${PERSONS[0]!.sfzh}`, {
          token: account,
        });
        return res.status === 403 ? res : undefined;
      },
      30_000,
      'the call refused by the ministry',
    );
    expect(refused.body.reason).toBe('grant-revoked');
    expect(refused.body.detail).toContain('超出依法履职需要');

    const dataAdmin = await ministry.node.token(ministry.node.orgA, ['data-admin'], `data-admin@${MINISTRY}`);
    const grant = await ministry.node.api('GET', `/api/v1/exchange/grants/${applicationId}`, { token: dataAdmin });
    expect(grant.body).toMatchObject({ status: 'revoked', changedBy: `reviewer@${MINISTRY}` });
    const events = await queryNodeDatabase<{ data: { action: string; reason: string } }>(
      ministry.node.config,
      'exchange',
      `SELECT cloud_event->'data' AS data FROM outbox WHERE event_type = 'exchange.grant.v1' AND message_key = $1 ORDER BY seq`,
      [applicationId],
    );
    expect(events.map((e) => e.data.action)).toEqual(['issued', 'revoked']);
    expect(events[1]!.data.reason).toContain('调用超出申请用途');
  });

  it('answers 503 provider-unreachable at Nanchang, quickly, when the ministry cannot be reached for the lookup', async () => {
    await ministry.stopFederation();
    const body = sampleApplication('', { target: { kind: 'entry', entryCode: entry.code } });
    const refused = await waitFor(
      async () => {
        const res = await file(body);
        return res.status === 503 ? res : undefined;
      },
      30_000,
      'the ministry’s link down seen from Nanchang',
    );
    expect(refused.body.reason).toBe('provider-unreachable');
    expect(refused.body.detail).toContain(MINISTRY);
    expect(refused.headers.get('retry-after')).toBe('30');
    const started = Date.now();
    expect((await file(body)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
