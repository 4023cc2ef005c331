import { randomUUID } from 'node:crypto';
import { Metadata, type ServiceError } from '@grpc/grpc-js';
import type { federationV1, ReplicaEventV1 } from '@govdata/contracts';
import { NodePkiStore, nodeChannelCredentials } from '@govdata/federation-pki';
import { createLinkClient, FALLBACK_POLL_MS, initNodeKey, ParentLink } from '@govdata/federation-feature';
import { waitFor } from '@govdata/platform-testing';
import {
  enrolChild,
  entryAction,
  linkAddress,
  publishEntry,
  startReplicationNode,
  type ReplicationNode,
} from './federation-harness.js';
import { Client } from 'pg';

interface ReplicaRow {
  origin: string;
  record_key: string;
  version: string;
  path: string[];
  payload: { action: string; sequence: number; at: string; entry: { status: string } };
  received_at: Date;
}

/** Upward replication over the mTLS links: 南昌市 360100 → 江西省 360000 → national 100000. */
describe('federation links and upward replication (360100 → 360000 → 100000)', () => {
  let national: ReplicationNode;
  let province: ReplicationNode;
  let city: ReplicationNode;
  let editor: string;
  let reviewer: string;

  beforeAll(async () => {
    national = await startReplicationNode();
    await initNodeKey(national.config);
    province = await startReplicationNode({
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: { code: '100000', gateway: national.catalog.gateway.httpUrl, federation: linkAddress(national) },
      },
    });
    city = await startReplicationNode({
      node: {
        code: '360100',
        name: '南昌市政务数据共享平台',
        level: 'municipal',
        parent: { code: '360000', gateway: province.catalog.gateway.httpUrl, federation: linkAddress(province) },
      },
    });
    await enrolChild(national, province);
    await enrolChild(province, city);
    editor = await city.catalog.token(city.catalog.orgA, ['catalog-editor'], 'editor@360100');
    reviewer = await city.catalog.token(city.catalog.orgB, ['catalog-reviewer'], 'reviewer@360100');
  }, 240_000);

  afterAll(async () => {
    await city?.close();
    await province?.close();
    await national?.close();
  });

  const act = (id: string, token: string, action: string, body: object = {}) =>
    entryAction(city.catalog, id, token, action, body);
  const publishAtCity = (name: string, classificationCode: string) =>
    publishEntry(city.catalog, { editor, reviewer }, name, classificationCode);

  async function replicaAt(node: ReplicationNode, id: string, status: string, timeout = 30_000) {
    return waitFor(
      async () => {
        const rows = await node.sql<ReplicaRow>('SELECT * FROM replica_record WHERE record_key = $1', [id]);
        return rows[0]?.payload.entry.status === status ? rows[0] : undefined;
      },
      timeout,
      `${status} replica of ${id} at ${node.config.node.code}`,
    );
  }

  let firstId: string;

  it('carries a published entry from the city to national with its path, and tells national’s catalog', async () => {
    const started = Date.now();
    firstId = await publishAtCity('南昌市人口基本信息', '101001');
    const atNational = await replicaAt(national, firstId, 'published');
    const latencyMs = Date.now() - started;
    expect(atNational).toMatchObject({ origin: '360100', path: ['360100', '360000', '100000'] });
    expect(atNational.payload).toMatchObject({ action: 'publish' });
    const atProvince = await replicaAt(province, firstId, 'published');
    expect(atProvince.path).toEqual(['360100', '360000']);

    const events = await national.sql<{ cloud_event: { origin?: string; subject: string; data: ReplicaEventV1 } }>(
      "SELECT cloud_event FROM outbox WHERE event_type = 'federation.replica.v1' AND message_key = $1",
      [firstId],
    );
    expect(events.map((e) => e.cloud_event.data)).toEqual([
      expect.objectContaining({
        kind: 'catalog.entry',
        origin: '360100',
        path: ['360100', '360000', '100000'],
        version: atNational.payload.sequence,
        record: expect.objectContaining({ action: 'publish', entry: expect.objectContaining({ id: firstId }) }),
      }),
    ]);

    // 一本账: national's catalog holds the city's entry as a read-only replica with its provenance,
    // found in the subtree scope and not among national's own entries.
    const reader = await national.catalog.token(national.catalog.orgB, [], 'reader@100000');
    const q = encodeURIComponent('南昌市人口基本信息');
    const ledger = await waitFor(
      async () => {
        const found = await national.catalog.api('GET', `/api/v1/catalog/search?q=${q}&scope=subtree&facets=true`, {
          token: reader,
        });
        return found.body.items?.some((i: { id: string }) => i.id === firstId) ? found.body : undefined;
      },
      30_000,
      'the replica in national’s catalog search',
    );
    expect(ledger.items.find((i: { id: string }) => i.id === firstId)).toMatchObject({
      origin: { nodeCode: '360100', path: ['360100', '360000', '100000'] },
    });
    const own = await national.catalog.api('GET', `/api/v1/catalog/search?q=${q}`, { token: reader });
    expect(own.body.items.map((i: { id: string }) => i.id)).not.toContain(firstId);

    // The registry shows the links: last seen, lag and the child's software version.
    const operator = await national.catalog.token(national.catalog.root, ['operator']);
    const children = await national.catalog.api('GET', '/api/v1/federation/children', { token: operator });
    expect(children.body.items).toEqual([
      expect.objectContaining({ code: '360000', softwareVersion: expect.any(String), lagSeconds: expect.any(Number) }),
    ]);
    expect(children.body.items[0].lastSeenAt).not.toBeNull();
    // From the city's commit of the publish (the event's `at`) to national's apply.
    const commitToNationalMs = atNational.received_at.getTime() - new Date(atNational.payload.at).getTime();
    console.info(JSON.stringify({ figure: 'city → national, one publish', latencyMs, commitToNationalMs }));
  });

  it('propagates a retirement', async () => {
    await act(firstId, editor, 'retire', { reason: '职责调整，数据不再产生' });
    const retired = await replicaAt(national, firstId, 'retired');
    expect(retired.payload.action).toBe('retire');
    expect(retired.path).toEqual(['360100', '360000', '100000']);
  });

  it('carries a change up on the logs’ notifications alone (the fallback polls lengthened to an hour)', async () => {
    const links = [city, province].map((node) => node.federation().app.get(ParentLink));
    for (const link of links) link.setFallbackPoll(3_600_000);
    try {
      const id = await publishAtCity('南昌市通知唤醒目录', '101001');
      expect((await replicaAt(national, id, 'published')).path).toEqual(['360100', '360000', '100000']);
    } finally {
      for (const link of links) link.setFallbackPoll(FALLBACK_POLL_MS);
    }
  });

  /** A session on the city's database as its owner, in the federation schema (to hold a transaction open). */
  async function cityClient(): Promise<Client> {
    const url = new URL(city.config.postgres.adminUrl);
    url.pathname = `/${city.config.postgres.database}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    await client.query('SET search_path TO federation, public');
    return client;
  }

  it('logs changes in commit order: a second writer waits for the first, and each commit notifies the link', async () => {
    const [template] = await city.sql<{ payload: object }>(
      'SELECT payload FROM replication_log WHERE record_key = $1 ORDER BY seq LIMIT 1',
      [firstId],
    );
    const keys = [randomUUID(), randomUUID()];
    // A valid publish of a new record, as the catalog feed would log it.
    const append = (client: Client, key: string) =>
      client.query(
        `INSERT INTO replication_log (event_id, kind, origin, record_key, version, path, event_time, payload)
         VALUES (gen_random_uuid(), 'catalog.entry', '360100', $1, 1, ARRAY['360100'], now(),
                 jsonb_set(jsonb_set($2::jsonb, '{entry,id}', to_jsonb($1::text)), '{sequence}', '1'))`,
        [key, JSON.stringify(template!.payload)],
      );
    const [listener, first, second] = [await cityClient(), await cityClient(), await cityClient()];
    const notified: string[] = [];
    listener.on('notification', (n) => notified.push(`${n.channel}/${n.payload}`));
    await listener.query('LISTEN govdata_replication_log');
    try {
      const secondPid = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await first.query('BEGIN');
      await append(first, keys[0]!);
      await second.query('BEGIN');
      const secondAppend = append(second, keys[1]!);
      // The second insert waits for the log's append lock until the first transaction ends, so its
      // row's seq can never be committed before a lower one.
      await waitFor(
        async () =>
          (await city.sql("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'advisory'", [secondPid]))
            .length > 0,
        30_000,
        'the second writer waiting for the append lock',
      );
      await first.query('COMMIT');
      await secondAppend;
      await second.query('COMMIT');
      await waitFor(() => notified.length >= 2, 30_000, 'a notification per commit');
      expect(notified).toEqual(['govdata_replication_log/federation', 'govdata_replication_log/federation']);
    } finally {
      await Promise.all([listener.end(), first.end(), second.end()]);
    }
    const logged = await city.sql<{ record_key: string }>(
      'SELECT record_key FROM replication_log WHERE record_key = ANY($1) ORDER BY seq',
      [keys],
    );
    expect(logged.map((r) => r.record_key)).toEqual(keys);
    for (const key of keys) await replicaAt(national, key, 'published');
  });

  it('keeps what the city publishes while the province is down and drains it, in order, when it returns', async () => {
    await province.stopFederation();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(await publishAtCity(`南昌市离线目录${i}`, '101001'));
    }
    // Logged at the city, nothing at national yet.
    await waitFor(
      async () => {
        const rows = await city.sql<{ n: number }>(
          'SELECT count(*)::int AS n FROM replication_log WHERE record_key = ANY($1)',
          [ids],
        );
        return rows[0]!.n === 20 ? true : undefined;
      },
      30_000,
      'twenty changes in the city log',
    );
    const none = await national.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM replica_record WHERE record_key = ANY($1)',
      [ids],
    );
    expect(none[0]!.n).toBe(0);

    const restarted = Date.now();
    await province.startFederation();
    const arrived = await waitFor(
      async () => {
        const rows = await national.sql<ReplicaRow>('SELECT * FROM replica_record WHERE record_key = ANY($1)', [ids]);
        return rows.length === 20 ? rows : undefined;
      },
      60_000,
      'all twenty at national',
    );
    console.info(
      JSON.stringify({ figure: 'backlog of 20 drained to national after restart', ms: Date.now() - restarted }),
    );
    expect(arrived.every((r) => r.payload.entry.status === 'published')).toBe(true);
    // In order: national's own log (what it would pass on) holds them in the city's order.
    const order = await national.sql<{ record_key: string }>(
      'SELECT record_key FROM replica_record WHERE record_key = ANY($1) ORDER BY received_at, version',
      [ids],
    );
    const cityOrder = await city.sql<{ record_key: string }>(
      "SELECT record_key FROM replication_log WHERE record_key = ANY($1) AND payload->>'action' = 'publish' ORDER BY seq",
      [ids],
    );
    expect(order.map((r) => r.record_key)).toEqual(cityOrder.map((r) => r.record_key));
  });

  /** Opens a link to national as the province (with the province's own certificate), sends, collects answers. */
  async function sendAsProvince(envelopes: federationV1.ReplicateRequest[]) {
    const identity = await new NodePkiStore(province.config.node.dataDir).loadTlsIdentity();
    const client = createLinkClient(linkAddress(national), nodeChannelCredentials(identity, '100000'));
    const stream = client.Replicate(new Metadata());
    const answers: federationV1.ReplicateResponse[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (a: federationV1.ReplicateResponse) => {
          answers.push(a);
          if (a.hello) envelopes.forEach((e) => stream.write(e));
          // Refusals are answered one by one, then each batch's last envelope is acknowledged.
          if (!a.hello && !a.refusedReason && a.ackedSeq >= envelopes.at(-1)!.seq) resolve();
        });
        stream.on('error', (e: ServiceError) => reject(e));
      });
    } finally {
      stream.cancel();
      client.close();
    }
    return answers;
  }

  it('ignores a replayed envelope and dead-letters one whose origin is outside the child’s subtree or whose record is malformed', async () => {
    const [row] = await province.sql<{
      seq: string;
      event_id: string;
      origin: string;
      record_key: string;
      version: string;
      path: string[];
      event_time: Date;
      payload: unknown;
    }>('SELECT * FROM replication_log WHERE record_key = $1 ORDER BY seq DESC LIMIT 1', [firstId]);
    const replay: federationV1.ReplicateRequest = {
      seq: 1,
      id: row!.event_id,
      kind: 'catalog.entry',
      origin: row!.origin,
      recordKey: row!.record_key,
      version: Number(row!.version),
      path: row!.path,
      timeMs: row!.event_time.getTime(),
      recordJson: JSON.stringify(row!.payload),
      destination: '',
    };
    const before = await national.sql('SELECT * FROM replica_record WHERE record_key = $1', [firstId]);
    const eventsBefore = await national.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE event_type = 'federation.replica.v1'",
    );
    const foreign = { ...replay, seq: 2, origin: '440100', path: ['440100', '360000'] };
    // Checked once, at the envelope rules: a record its schema refuses is dead-lettered with the reason.
    const malformed = {
      ...replay,
      seq: 3,
      recordJson: JSON.stringify({ ...(row!.payload as object), at: 'yesterday' }),
    };
    const answers = await sendAsProvince([replay, foreign, malformed]);
    expect(answers[0]).toMatchObject({ hello: true });
    const refusals = answers.filter((a) => a.refusedReason);
    expect(refusals).toEqual([
      expect.objectContaining({ ackedSeq: 2, refusedReason: expect.stringMatching(/^outside-subtree: origin 440100/) }),
      expect.objectContaining({
        ackedSeq: 3,
        refusedReason: expect.stringMatching(/^malformed: record is no catalog\.entry\.v1 data: .*\$\.at/s),
      }),
    ]);
    expect(answers.at(-1)).toMatchObject({ ackedSeq: 3, refusedReason: '' });

    expect(await national.sql('SELECT * FROM replica_record WHERE record_key = $1', [firstId])).toEqual(before);
    const eventsAfter = await national.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE event_type = 'federation.replica.v1'",
    );
    expect(eventsAfter[0]!.n).toBe(eventsBefore[0]!.n);
    expect(await national.sql("SELECT * FROM replica_record WHERE origin = '440100'")).toEqual([]);
    const dead = await national.sql<{ child_code: string; origin: string; reason: string }>(
      'SELECT child_code, origin, reason FROM replication_dead_letter ORDER BY id',
    );
    expect(dead).toEqual([
      expect.objectContaining({
        child_code: '360000',
        origin: '440100',
        reason: expect.stringMatching(/^outside-subtree/),
      }),
      expect.objectContaining({ child_code: '360000', origin: '360100', reason: expect.stringMatching(/^malformed/) }),
    ]);
  });

  it('refuses a link from a node that is not a child (the city dialling national)', async () => {
    const identity = await new NodePkiStore(city.config.node.dataDir).loadTlsIdentity();
    const client = createLinkClient(linkAddress(national), nodeChannelCredentials(identity, '100000'));
    const stream = client.Replicate(new Metadata());
    const error = await new Promise<ServiceError>((resolve) => stream.on('error', resolve));
    client.close();
    expect(error.details).toMatch(/outside_subtree|not a child/);
  });

  it('renews the province’s certificate over the link with no gap, and revocation then reaches both certificates', async () => {
    const ops = await national.catalog.token(national.catalog.root, ['operator'], 'user:ops@100000');
    const provinceOps = await province.catalog.token(province.catalog.root, ['operator'], 'user:ops@360000');
    const before = await province.catalog.api('GET', '/api/v1/federation/node', { token: provinceOps });
    const renewed = await province.catalog.api('POST', '/api/v1/federation/node/renew', { token: provinceOps });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body.serial).not.toBe(before.body.certificateSerial);
    const after = await province.catalog.api('GET', '/api/v1/federation/node', { token: provinceOps });
    expect(after.body).toMatchObject({ certificate: 'valid', certificateSerial: renewed.body.serial });
    const children = await national.catalog.api('GET', '/api/v1/federation/children', { token: ops });
    expect(children.body.items.find((c: { code: string }) => c.code === '360000')).toMatchObject({
      status: 'active',
      certificateSerial: renewed.body.serial,
    });

    // The city dials the province afresh (the province now presents its new certificate) and its
    // publications keep reaching national through the renewed link.
    await city.stopFederation();
    await city.startFederation();
    const id = await publishAtCity('南昌市证书轮换后目录', '101001');
    expect((await replicaAt(national, id, 'published')).path).toEqual(['360100', '360000', '100000']);

    const revoked = await national.catalog.api('POST', '/api/v1/federation/children/360000/revoke', {
      token: ops,
      body: { reason: 'superseded' },
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const serials = await national.sql<{ serial: string }>(
      "SELECT serial FROM revocation WHERE child_code = '360000' ORDER BY serial",
    );
    expect(serials.map((r) => r.serial).sort()).toEqual([before.body.certificateSerial, renewed.body.serial].sort());
    // With both certificates revoked, the province's next publication stays at the province.
    const late = await publishAtCity('南昌市吊销后目录', '101001');
    await replicaAt(province, late, 'published');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await national.sql('SELECT 1 FROM replica_record WHERE record_key = $1', [late])).toEqual([]);
  }, 120_000);
});
