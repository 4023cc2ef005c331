import { randomUUID } from 'node:crypto';
import { Metadata, type ServiceError } from '@grpc/grpc-js';
import type { federationV1 } from '@govdata/contracts';
import { createLinkClient, initNodeKey } from '@govdata/federation-feature';
import { NodePkiStore, nodeChannelCredentials } from '@govdata/federation-pki';
import { waitFor } from '@govdata/platform-testing';
import { sampleEntry } from '../catalog/catalog-harness.js';
import { enrol, inParallel, TreeNode, type TreeOrganisation } from './node-tree.js';

const NATIONAL = '100000';
const PROVINCE = '360000';
const CITY = '360100';
const MINISTRY = '11100000000013338W';
const BACKLOG = 1_000;
/** Requests in flight at once while the city's backlog is written. */
const WRITERS = 8;

interface Root {
  origin: string;
  digest: string;
  count: number;
}

interface ReplicaRow {
  origin: string;
  record_key: string;
  path: string[];
  payload: {
    action: string;
    entry: { status: string; nodeCode: string };
    version: { content: { name: string } };
  };
}

interface Author {
  node: TreeNode;
  editor: string;
  reviewer: string;
  regionCode: string;
}

/**
 * The federation as operators run it: four `govdata node start` processes — national 100000, 江西省
 * 360000 under it, 南昌市 360100 under the province, and 人力资源和社会保障部 11100000000013338W
 * under national — each with its own database and Kafka topics, enrolled through the parents'
 * gateways, comparing Merkle roots every 3 s. National is stopped and started again in between.
 */
describe('the four-node federation as real processes (100000 ← 360000 ← 360100, 100000 ← ministry)', () => {
  let national: TreeNode;
  let province: TreeNode;
  let city: TreeNode;
  let ministry: TreeNode;
  let atCity: Author;
  let atMinistry: Author;
  const cityEntries: string[] = [];

  // One connection per service (nine per node): four whole nodes share the test PostgreSQL with others.
  const fast = { federation: { antiEntropySeconds: 3, silenceAlertSeconds: 600 }, postgres: { poolSize: 1 } };

  beforeAll(async () => {
    national = await TreeNode.configure({ code: NATIONAL, name: '国家政务数据共享平台', level: 'national' }, fast);
    province = await TreeNode.configure(
      { code: PROVINCE, name: '江西省政务数据共享平台', level: 'provincial', parent: national },
      fast,
    );
    city = await TreeNode.configure(
      { code: CITY, name: '南昌市政务数据共享平台', level: 'municipal', parent: province },
      fast,
    );
    ministry = await TreeNode.configure(
      { code: MINISTRY, name: '人力资源和社会保障部数据共享平台', level: 'ministry', parent: national },
      fast,
    );
    await Promise.all([national, province, city, ministry].map((n) => n.start()));

    await initNodeKey(national.config);
    await enrol(national, province);
    await enrol(province, city);
    await enrol(national, ministry);

    const [cityEditors, cityReviewers, ministryOrg] = await Promise.all([
      city.organisation('南昌市公安局', '11360000014500002N', CITY),
      // The reviewers' organisations are their nodes' authority organisations (数据主管部门).
      city.organisation('南昌市市场监督管理局', '11360000MB17195879', CITY, true),
      ministry.organisation('人力资源和社会保障部信息中心', '11360000014500002N', '110000', true),
    ]);
    atCity = await author(city, cityEditors, cityReviewers, CITY);
    atMinistry = await author(ministry, ministryOrg, ministryOrg, '110000');
    for (const node of [province, city, ministry]) await linkUp(node);
  }, 600_000);

  afterAll(async () => {
    await Promise.allSettled([national, province, city, ministry].filter(Boolean).map((n) => n.destroy()));
  }, 120_000);

  async function author(node: TreeNode, editors: TreeOrganisation, reviewers: TreeOrganisation, regionCode: string) {
    return {
      node,
      editor: await node.token(editors, ['catalog-editor'], `editor@${node.code}`),
      reviewer: await node.token(reviewers, ['catalog-reviewer'], `reviewer@${node.code}`),
      regionCode,
    };
  }

  /** Create → submit → approve through the node's gateway: an entry ready to publish; its id. */
  async function approved(by: Author, name: string): Promise<string> {
    const created = await by.node.api('POST', '/api/v1/catalog/entries', {
      token: by.editor,
      body: { content: sampleEntry({ name, classificationCode: '101001', regionCode: by.regionCode }) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    for (const [action, token] of [
      ['submit', by.editor],
      ['approve', by.reviewer],
    ] as const) {
      const done = await by.node.api('POST', `/api/v1/catalog/entries/${id}/${action}`, { token, body: {} });
      expect(done.status, `${action} at ${by.node.code}: ${JSON.stringify(done.body)}`).toBe(200);
    }
    return id;
  }

  /** Publishes an approved entry through the node's gateway: the change that goes up the tree. */
  async function release(by: Author, id: string): Promise<string> {
    const done = await by.node.api('POST', `/api/v1/catalog/entries/${id}/publish`, { token: by.reviewer, body: {} });
    expect(done.status, `publish at ${by.node.code}: ${JSON.stringify(done.body)}`).toBe(200);
    return id;
  }

  /** Create → submit → approve → publish through the node's gateway; the entry's id. */
  async function publish(by: Author, name: string): Promise<string> {
    return release(by, await approved(by, name));
  }

  async function operatorView(node: TreeNode): Promise<{ link: string; roots: { sent: Root[]; held: Root[] } }> {
    const view = await node.api('GET', '/api/v1/federation/anti-entropy', { token: await node.admin() });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    return view.body;
  }

  async function linkUp(node: TreeNode): Promise<void> {
    await waitFor(
      async () => (await operatorView(node)).link === 'up' || undefined,
      120_000,
      `the link of ${node.code} to its parent up`,
    );
  }

  async function replica(node: TreeNode, id: string): Promise<ReplicaRow | undefined> {
    const rows = await node.sql<ReplicaRow>('federation', 'SELECT * FROM replica_record WHERE record_key = $1', [id]);
    return rows[0];
  }

  async function replicaCount(node: TreeNode, ids: string[]): Promise<number> {
    const rows = await node.sql<{ n: number }>(
      'federation',
      'SELECT count(*)::int AS n FROM replica_record WHERE record_key = ANY($1)',
      [ids],
    );
    return rows[0]!.n;
  }

  function publishedReplica(node: TreeNode, id: string, timeoutMs = 60_000): Promise<ReplicaRow> {
    return waitFor(
      async () => {
        const row = await replica(node, id);
        return row?.payload.entry.status === 'published' ? row : undefined;
      },
      timeoutMs,
      `the published replica of ${id} at ${node.code}`,
    );
  }

  it('carries an entry published at the city to national with its path, into national’s 一本账', async () => {
    const id = await publish(atCity, '南昌市人口基本信息');
    cityEntries.push(id);

    const atNational = await publishedReplica(national, id);
    expect(atNational).toMatchObject({ origin: CITY, path: [CITY, PROVINCE, NATIONAL] });
    expect(atNational.payload).toMatchObject({
      action: 'publish',
      entry: { id, nodeCode: CITY, status: 'published' },
      version: { content: { name: '南昌市人口基本信息' } },
    });
    expect((await publishedReplica(province, id)).path).toEqual([CITY, PROVINCE]);

    const reader = await national.token(randomUUID(), [], 'reader@100000');
    const q = encodeURIComponent('南昌市人口基本信息');
    const found = await waitFor(
      async () => {
        const page = await national.api('GET', `/api/v1/catalog/search?q=${q}&scope=all`, { token: reader });
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        return page.body.items.find((i: { id: string }) => i.id === id);
      },
      60_000,
      'the city’s entry in national’s search (scope=all)',
    );
    expect(found).toMatchObject({
      name: '南昌市人口基本信息',
      origin: { nodeCode: CITY, path: [CITY, PROVINCE, NATIONAL] },
    });
  });

  it('keeps 1,000 changes made at the city while national is stopped and delivers them all after its restart, with equal Merkle roots', async () => {
    // Only publications (and retirements) go up the tree: the 1,000 entries are written, submitted
    // and approved while national shuts down, and published — the 1,000 changes — once it is down.
    const [stopped, ready] = await Promise.all([
      national.stop(),
      inParallel(BACKLOG, WRITERS, (i) => approved(atCity, `南昌市离线目录${String(i).padStart(4, '0')}`)),
    ]);
    expect(stopped).toBe(0);
    await expect(fetch(`${national.gatewayUrl}/api/v1/node`)).rejects.toThrow();
    expect(await city.sql('federation', 'SELECT 1 FROM replication_log WHERE record_key = ANY($1)', [ready])).toEqual(
      [],
    );

    const publishing = Date.now();
    const batch = await inParallel(BACKLOG, WRITERS, (i) => release(atCity, ready[i]!));
    const publishMs = Date.now() - publishing;
    cityEntries.push(...batch);
    // Logged at the city and carried to the province, which cannot pass them on.
    await waitFor(
      async () => {
        const rows = await city.sql<{ n: number }>(
          'federation',
          'SELECT count(DISTINCT record_key)::int AS n FROM replication_log WHERE record_key = ANY($1)',
          [batch],
        );
        return rows[0]!.n === BACKLOG || undefined;
      },
      120_000,
      'the 1,000 changes in the city’s replication log',
    );
    await waitFor(
      async () => (await replicaCount(province, batch)) === BACKLOG || undefined,
      180_000,
      'the 1,000 changes at the province',
    );
    expect((await operatorView(province)).link).not.toBe('up');

    const restartedAt = new Date();
    await national.start();
    await waitFor(
      async () => (await replicaCount(national, batch)) === BACKLOG || undefined,
      240_000,
      'all 1,000 changes at national after its restart',
    );
    const drainMs = Date.now() - restartedAt.getTime();
    const arrived = await national.sql<ReplicaRow>(
      'federation',
      'SELECT * FROM replica_record WHERE record_key = ANY($1)',
      [batch],
    );
    expect(arrived.every((r) => r.payload.entry.status === 'published')).toBe(true);
    expect(arrived.every((r) => r.path.join('→') === [CITY, PROVINCE, NATIONAL].join('→'))).toBe(true);

    // Anti-entropy: national verified the set 360100 equal to what the city sent up.
    const sent = (await operatorView(city)).roots.sent.find((r) => r.origin === CITY)!;
    expect(sent.count).toBe(cityEntries.length);
    const admin = await national.admin();
    const verified = await waitFor(
      async () => {
        const view = await national.api('GET', `/api/v1/federation/children/${PROVINCE}/anti-entropy`, {
          token: admin,
        });
        const set = view.body.sets?.find((s: { origin: string }) => s.origin === CITY);
        return set?.inSync && set.parentRoot.count === sent.count && new Date(set.verifiedAt) > restartedAt
          ? set
          : undefined;
      },
      120_000,
      'national verifying the set 360100 after its restart',
    );
    console.info(
      JSON.stringify({
        figure: '1,000 changes at the city while national was down',
        publishMs,
        restartToAllHeldMs: drainMs,
        restartToVerifiedMs: Date.now() - restartedAt.getTime(),
      }),
    );
    expect(verified.parentRoot).toEqual({ digest: sent.digest, count: sent.count });
    expect(verified.childRoot).toEqual({ digest: sent.digest, count: sent.count });
    expect((await operatorView(national)).roots.held).toContainEqual({
      origin: CITY,
      digest: sent.digest,
      count: sent.count,
    });

    // National's 一本账 lists every one of the city's entries.
    const reader = await national.token(randomUUID(), [], 'reader@100000');
    const ledger = await waitFor(
      async () => {
        const page = await national.api('GET', `/api/v1/catalog/search?scope=all&origin=${CITY}&facets=true`, {
          token: reader,
        });
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        return page.body.total === cityEntries.length ? page.body : undefined;
      },
      120_000,
      `${cityEntries.length} entries of 360100 in national’s search`,
    );
    expect(ledger.items.every((i: { origin: { nodeCode: string } }) => i.origin.nodeCode === CITY)).toBe(true);
  }, 600_000);

  it('repairs a replica changed behind the service’s back at the province', async () => {
    const id = cityEntries[1]!;
    const [original] = await province.sql<{ payload: unknown }>(
      'federation',
      'SELECT payload FROM replica_record WHERE origin = $1 AND record_key = $2',
      [CITY, id],
    );
    const since = new Date();
    const altered = await province.sql<{ name: string }>(
      'federation',
      `UPDATE replica_record SET payload = jsonb_set(payload, '{version,content,name}', '"篡改后的名称"')
        WHERE origin = $1 AND record_key = $2 RETURNING payload #>> '{version,content,name}' AS name`,
      [CITY, id],
    );
    expect(altered).toEqual([{ name: '篡改后的名称' }]);

    const repaired = await waitFor(
      async () => {
        const row = await replica(province, id);
        return JSON.stringify(row?.payload) === JSON.stringify(original!.payload) ? row : undefined;
      },
      120_000,
      'the altered replica restored at the province',
    );
    expect(repaired.payload.version.content.name).toBe('南昌市离线目录0000');

    const view = await province.api('GET', `/api/v1/federation/children/${CITY}/anti-entropy`, {
      token: await province.admin(),
    });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    const run = view.body.runs.find(
      (r: { divergence: { corrupted: number }; finishedAt: string }) =>
        r.divergence.corrupted >= 1 && new Date(r.finishedAt) >= since,
    );
    expect(run).toMatchObject({ divergence: expect.objectContaining({ corrupted: 1 }), applied: 1 });
  });

  it('carries a code national’s data-admin adds down to the city and the ministry; the city may extend it, not redefine it', async () => {
    const dataAdmin = await national.token(await national.rootOrganisation(), ['data-admin'], 'data-admin@100000');
    const added = await national.api('POST', '/api/v1/catalog/classifications', {
      token: dataAdmin,
      body: { code: '101099', name: '人口健康档案信息', nameEn: 'Population health records' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);

    for (const [node, path] of [
      [city, [NATIONAL, PROVINCE, CITY]],
      [ministry, [NATIONAL, MINISTRY]],
    ] as const) {
      const reader = await node.token(randomUUID(), [], `reader@${node.code}`);
      const inherited = await waitFor(
        async () => {
          const list = await node.api('GET', `/api/v1/catalog/standards?kind=classification&origin=${NATIONAL}`, {
            token: reader,
          });
          expect(list.status, JSON.stringify(list.body)).toBe(200);
          return list.body.items.find((s: { key: string }) => s.key === '101099');
        },
        120_000,
        `national’s code 101099 at ${node.code}`,
      );
      expect(inherited).toMatchObject({ origin: NATIONAL, version: 1, inherited: true, path });
      const codes = await node.api('GET', '/api/v1/catalog/classifications', { token: reader });
      expect(codes.body.items.find((c: { code: string }) => c.code === '101099')).toMatchObject({
        name: '人口健康档案信息',
        origin: 'inherited',
        inheritedFrom: NATIONAL,
      });
    }

    const cityAdmin = await city.token(await city.rootOrganisation(), ['data-admin'], 'data-admin@360100');
    const redefined = await city.api('POST', '/api/v1/catalog/classifications', {
      token: cityAdmin,
      body: { code: '101099', name: '南昌市健康档案' },
    });
    expect(redefined.status).toBe(409);
    expect(redefined.body.errors).toEqual([expect.objectContaining({ path: 'code', rule: 'inherited-standard' })]);
    const renamed = await city.api('PUT', '/api/v1/catalog/classifications/101099', {
      token: cityAdmin,
      body: { name: '南昌市健康档案' },
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.errors).toEqual([expect.objectContaining({ path: 'code', rule: 'inherited-standard' })]);
    const extended = await city.api('POST', '/api/v1/catalog/classifications', {
      token: cityAdmin,
      body: { code: '101099001', name: '南昌市居民电子健康档案' },
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(201);
    expect(extended.body).toMatchObject({ code: '101099001', parentCode: '101099', origin: 'node' });
  });

  /**
   * Opens a link to `parent` with `node`'s own certificate and sends `envelopes`; the answers until
   * the last one is acknowledged (refusals come before their batch's acknowledgement), or the error.
   */
  async function dial(node: TreeNode, parent: TreeNode, envelopes: federationV1.ReplicateRequest[] = []) {
    const identity = await new NodePkiStore(node.config.node.dataDir).loadTlsIdentity();
    const client = createLinkClient(
      `127.0.0.1:${parent.config.services.federation.link!}`,
      nodeChannelCredentials(identity, parent.code),
    );
    const stream = client.Replicate(new Metadata());
    const answers: federationV1.ReplicateResponse[] = [];
    try {
      return await new Promise<{ answers: federationV1.ReplicateResponse[]; error?: ServiceError }>((resolve) => {
        stream.on('data', (a: federationV1.ReplicateResponse) => {
          answers.push(a);
          if (a.hello && envelopes.length === 0) resolve({ answers });
          if (a.hello) envelopes.forEach((e) => stream.write(e));
          const last = envelopes.at(-1)?.seq;
          if (!a.hello && !a.refusedReason && a.ackedSeq === last) resolve({ answers });
        });
        stream.on('error', (error: ServiceError) => resolve({ answers, error }));
      });
    } finally {
      stream.cancel();
      client.close();
    }
  }

  it('refuses the city’s certificate at national, and envelopes in which the city claims to be another node', async () => {
    const direct = await dial(city, national);
    expect(direct.answers).toEqual([]);
    expect(direct.error?.details).toMatch(/^outside_subtree: node 360100 .*not a child of node 100000/);
    await waitFor(
      () =>
        national
          .logLines()
          .some(
            (l) =>
              l['msg'] === 'link refused' && l['problem'] === 'outside_subtree' && String(l['reason']).includes(CITY),
          ) || undefined,
      30_000,
      'national logging why it refused the city',
    );

    const [row] = await city.sql<{
      event_id: string;
      record_key: string;
      version: string;
      event_time: Date;
      payload: unknown;
    }>('federation', 'SELECT * FROM replication_log WHERE origin = $1 ORDER BY seq LIMIT 1', [CITY]);
    const forged = (seq: number, origin: string): federationV1.ReplicateRequest => ({
      seq,
      id: randomUUID(),
      kind: 'catalog.entry',
      origin,
      recordKey: row!.record_key,
      version: Number(row!.version),
      path: [origin, CITY],
      timeMs: row!.event_time.getTime(),
      recordJson: JSON.stringify(row!.payload),
      destination: '',
    });
    const posing = await dial(city, province, [forged(1, '360200'), forged(2, MINISTRY)]);
    expect(posing.error).toBeUndefined();
    expect(posing.answers[0]).toMatchObject({ hello: true });
    expect(posing.answers.filter((a) => a.refusedReason)).toEqual([
      expect.objectContaining({ ackedSeq: 1, refusedReason: expect.stringMatching(/^outside-subtree: origin 360200/) }),
      expect.objectContaining({
        ackedSeq: 2,
        refusedReason: expect.stringMatching(new RegExp(`^outside-subtree: origin ${MINISTRY}`)),
      }),
    ]);
    expect(
      await province.sql('federation', 'SELECT 1 FROM replica_record WHERE origin = ANY($1)', [['360200', MINISTRY]]),
    ).toEqual([]);
    const dead = await province.sql<{ child_code: string; origin: string }>(
      'federation',
      'SELECT child_code, origin FROM replication_dead_letter ORDER BY id',
    );
    expect(dead).toEqual([
      { child_code: CITY, origin: '360200' },
      { child_code: CITY, origin: MINISTRY },
    ]);
    // The city's own entry is untouched.
    expect((await replica(province, row!.record_key))!.payload.entry.status).toBe('published');
  });

  it('cuts the ministry off once national revokes it: its link is refused and its changes stop arriving', async () => {
    const before = await publish(atMinistry, '社会保障卡基本信息');
    expect((await publishedReplica(national, before)).path).toEqual([MINISTRY, NATIONAL]);

    const revoked = await national.api('POST', `/api/v1/federation/children/${MINISTRY}/revoke`, {
      token: await national.admin(),
      body: { reason: 'key_compromise', note: '部门节点私钥泄露' },
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toMatchObject({ code: MINISTRY, status: 'revoked', revokeReason: 'key_compromise' });

    const refusals = () =>
      national
        .logLines()
        .filter(
          (l) =>
            (l['msg'] === 'link refused' && l['problem'] === 'revoked') ||
            (l['msg'] === 'open link cut: the child is no longer admitted' && l['child'] === MINISTRY),
        )
        .filter((l) => String(l['reason']).includes(`node ${MINISTRY} was revoked by node ${NATIONAL}`)).length;
    await waitFor(() => refusals() > 0 || undefined, 60_000, 'national logging the revoked ministry cut off');

    const after = await publish(atMinistry, '社会保障参保登记信息');
    await waitFor(
      async () =>
        (await ministry.sql('federation', 'SELECT 1 FROM replication_log WHERE record_key = $1', [after])).length > 0 ||
        undefined,
      60_000,
      'the ministry’s new change in its replication log',
    );
    // The ministry keeps dialling and national keeps refusing it, saying why.
    const seen = refusals();
    await waitFor(() => refusals() > seen || undefined, 90_000, 'another refusal of the revoked ministry');
    expect((await operatorView(ministry)).link).not.toBe('up');
    expect(await replica(national, after)).toBeUndefined();
    expect(await replica(national, before)).toBeDefined();

    const children = await national.api('GET', '/api/v1/federation/children', { token: await national.admin() });
    expect(children.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: MINISTRY, status: 'revoked', revokeReason: 'key_compromise' }),
        expect.objectContaining({ code: PROVINCE, status: 'active' }),
      ]),
    );
  }, 240_000);
});
