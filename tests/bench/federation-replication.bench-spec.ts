import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Message, type Producer } from 'kafkajs';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import { initNodeKey } from '@govdata/federation-feature';
import { encodeCloudEvent, eventSource, ORIGIN_EXTENSION } from '@govdata/platform-messaging';
import { queryNodeDatabase, TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import type { NodeConfig } from '@govdata/platform-config';
import { sampleEntry } from '../catalog/catalog-harness.js';
import {
  enrolChild,
  linkAddress,
  startReplicationNode,
  type ReplicationNode,
} from '../federation/federation-harness.js';
import { enrol, TreeNode } from '../federation/node-tree.js';
import { loadBetween, loadSnapshot, nodeSqlClient, percentiles } from './federation-bench-support.js';

/**
 * Upward replication 南昌市 360100 → 江西省 360000 → national 100000 (three in-process nodes, each
 * with gateway, catalog and federation, mTLS links between them):
 *
 * 1. Latency at a sustained rate: `catalog.entry.v1` publishes of the city's own entries produced on
 *    the city's topic at a steady rate (200/s by default), each stamped with its production time
 *    (`at`); latency = national's `replica_record.received_at` − production time. Same-run
 *    baseline: the local path alone, production → the city's `replication_log.logged_at` (Kafka and
 *    the federation consumer's inbox transaction).
 * 2. Catch-up: with the province's federation stopped, a backlog of 100,000 valid log rows is bulk
 *    inserted into the city's `replication_log` (the rows the feed would write); the province is
 *    started again and timed until national holds all of them. Same-run baseline: that bulk insert
 *    of the same rows into the log table.
 *
 * Machine load (whole-machine busy share from /proc/stat, this process's CPU, load average) is
 * printed beside each figure. By default all three nodes share this process; with
 * `BENCH_PROCESSES=1` each runs as its own `govdata node start` process (every service of the node,
 * as operators run it), the way nodes are deployed — they still share the machine's cores.
 */
const RATE = Number(process.env['BENCH_RATE'] ?? 200);
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 5);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 30);
const BACKLOG = Number(process.env['BENCH_BACKLOG'] ?? 100_000);
const INSERT_CHUNK = 5_000;
const PROCESSES = process.env['BENCH_PROCESSES'] === '1';

/** What the bench needs of a node, however it runs. */
interface BenchNode {
  config: NodeConfig;
  /** SQL in the federation schema. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Takes the node's federation down (in-process: the service; processes: the whole node) and up. */
  stopFederation(): Promise<void>;
  startFederation(): Promise<void>;
  close(): Promise<void>;
}

function inProcess(node: ReplicationNode): BenchNode {
  return node;
}

function asProcess(node: TreeNode): BenchNode {
  return {
    config: node.config,
    sql: <T>(text: string, params?: unknown[]) => queryNodeDatabase<T>(node.config, 'federation', text, params),
    stopFederation: async () => void (await node.stop()),
    startFederation: () => node.start(),
    close: () => node.destroy(),
  };
}

/** City → province → national, enrolled and linked, in this process or as three node processes. */
async function startChain(): Promise<[BenchNode, BenchNode, BenchNode]> {
  if (PROCESSES) {
    const pool = { postgres: { poolSize: 2 } };
    const n = await TreeNode.configure({ code: NATIONAL, name: '国家政务大数据平台', level: 'national' }, pool);
    const p = await TreeNode.configure(
      { code: PROVINCE, name: '江西省政务数据共享平台', level: 'provincial', parent: n },
      pool,
    );
    const c = await TreeNode.configure(
      { code: CITY, name: '南昌市政务数据共享平台', level: 'municipal', parent: p },
      pool,
    );
    await initNodeKey(n.config);
    for (const node of [n, p, c]) await node.start();
    await enrol(n, p);
    await enrol(p, c);
    return [asProcess(n), asProcess(p), asProcess(c)];
  }
  const national = await startReplicationNode();
  await initNodeKey(national.config);
  const province = await startReplicationNode({
    node: {
      code: PROVINCE,
      name: '江西省政务数据共享平台',
      level: 'provincial',
      parent: { code: NATIONAL, gateway: national.catalog.gateway.httpUrl, federation: linkAddress(national) },
    },
  });
  const city = await startReplicationNode({
    node: {
      code: CITY,
      name: '南昌市政务数据共享平台',
      level: 'municipal',
      parent: { code: PROVINCE, gateway: province.catalog.gateway.httpUrl, federation: linkAddress(province) },
    },
  });
  await enrolChild(national, province);
  await enrolChild(province, city);
  return [inProcess(national), inProcess(province), inProcess(city)];
}

const CITY = '360100';
const PROVINCE = '360000';
const NATIONAL = '100000';
/** Sequences of the sustained run start at 1; the backlog's above this. */
const BACKLOG_BASE = 500_000;

describe('bench: federation replication city → province → national', () => {
  let national: BenchNode;
  let province: BenchNode;
  let city: BenchNode;
  let producer: Producer;
  const organisationId = randomUUID();

  beforeAll(async () => {
    [national, province, city] = await startChain();
    const kafka = new Kafka({ clientId: 'bench-federation', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
  }, 300_000);

  afterAll(async () => {
    await producer?.disconnect();
    await city?.close();
    await province?.close();
    await national?.close();
  });

  /** A publish of a city entry as the catalog emits it (`sequence` doubles as the change's number here). */
  function publishEvent(sequence: number, at: Date): CatalogEntryEventV1 {
    return {
      action: 'publish',
      sequence,
      entry: {
        id: randomUUID(),
        code: `101001/${CITY}${String(sequence % 1_000_000).padStart(6, '0')}`,
        nodeCode: CITY,
        organisationId,
        provider: { name: '南昌市市场监督管理局', code: '11360100MB17195879' },
        status: 'published',
        headVersion: 1,
        headState: 'published',
        publishedVersion: 1,
        authoritativeEntryId: null,
      },
      version: {
        number: 1,
        state: 'published',
        publishDate: '2026-03-02',
        content: sampleEntry({ name: `南昌市业务数据${sequence}`, regionCode: CITY, relatedCodes: [] }),
      },
      actor: { subject: 'user:reviewer@360100', organisationId },
      at: at.toISOString(),
    };
  }

  function message(data: CatalogEntryEventV1): Message {
    return encodeCloudEvent(
      {
        specversion: '1.0',
        id: randomUUID(),
        type: 'catalog.entry.v1',
        source: eventSource(CITY, 'catalog'),
        subject: data.entry.id,
        time: data.at,
        datacontenttype: 'application/json',
        [ORIGIN_EXTENSION]: CITY,
        data,
      },
      data.entry.id,
    );
  }

  /**
   * Produces `total` events at `rate` per second: every tick sends the events due by then, each
   * stamped when it is built. Sends are not awaited one by one, so a slow ack never lowers the rate.
   */
  async function produceSteadily(topic: string, rate: number, total: number): Promise<number> {
    const start = performance.now();
    const sends: Promise<unknown>[] = [];
    let next = 0;
    while (next < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      if (due > next) {
        const messages: Message[] = [];
        for (; next < due; next++) messages.push(message(publishEvent(next + 1, new Date())));
        sends.push(producer.send({ topic, acks: -1, messages }));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
    }
    await Promise.all(sends);
    return (performance.now() - start) / 1000;
  }

  it(`measures city → national latency at a sustained ${RATE} changes/s`, async () => {
    const warmup = Math.round(RATE * WARMUP_SECONDS);
    const measured = Math.round(RATE * SECONDS);
    const topic = `${city.config.kafka.topicPrefix}catalog.entry.v1`;

    const before = loadSnapshot();
    const producedSeconds = await produceSteadily(topic, RATE, warmup + measured);
    const producedLoad = loadBetween(before, loadSnapshot());
    const countAt = async (node: BenchNode) =>
      (
        await node.sql<{ n: number }>(
          'SELECT count(*)::int AS n FROM replica_record WHERE origin = $1 AND version > $2 AND version <= $3',
          [CITY, warmup, warmup + measured],
        )
      )[0]!.n;
    await waitFor(async () => (await countAt(national)) === measured, 600_000, 'every measured change at national');

    const window = [warmup, warmup + measured];
    const latencies = async (node: BenchNode, table: string, column: string) =>
      (
        await node.sql<{ ms: number }>(
          `SELECT extract(epoch FROM ${column} - event_time) * 1000 AS ms FROM ${table}
           WHERE origin = $1 AND version > $2 AND version <= $3`,
          [CITY, ...window],
        )
      ).map((r) => Number(r.ms));
    const atNational = percentiles(await latencies(national, 'replica_record', 'received_at'));
    const atProvince = percentiles(await latencies(province, 'replica_record', 'received_at'));
    const localLog = percentiles(await latencies(city, 'replication_log', 'logged_at'));
    // Changes per second each stage handled over the measured window (first to last of them).
    const ratePerSecond = async (node: BenchNode, table: string, column: string) => {
      const [row] = await node.sql<{ seconds: number }>(
        `SELECT extract(epoch FROM max(${column}) - min(${column})) AS seconds FROM ${table}
         WHERE origin = $1 AND version > $2 AND version <= $3`,
        [CITY, ...window],
      );
      return Math.round(measured / Number(row!.seconds));
    };

    // What one event costs the feed at least: a transaction of two inserts (inbox-like and log row)
    // committed one after another on the city's database, without Kafka (the consumer's ceiling).
    const client = await nodeSqlClient(city.config, 'federation');
    let serialCommitsPerSecond: number;
    try {
      await client.query('CREATE TABLE bench_commit_probe (LIKE replication_log INCLUDING ALL)');
      const payload = JSON.stringify(publishEvent(1, new Date()));
      const start = performance.now();
      for (let i = 1; i <= 1_000; i++) {
        await client.query('BEGIN');
        await client.query(
          "INSERT INTO inbox (consumer, event_id, event_type, source) VALUES ('bench', $1, 't', 's')",
          [randomUUID()],
        );
        await client.query(
          `INSERT INTO bench_commit_probe (event_id, kind, origin, record_key, version, path, event_time, payload)
           VALUES ($1, 'catalog.entry', $2, $3, $4, ARRAY[$2]::text[], now(), $5)`,
          [randomUUID(), CITY, randomUUID(), i, payload],
        );
        await client.query('COMMIT');
      }
      serialCommitsPerSecond = Math.round(1_000 / ((performance.now() - start) / 1000));
      await client.query('DROP TABLE bench_commit_probe');
      await client.query("DELETE FROM inbox WHERE consumer = 'bench'");
    } finally {
      await client.end();
    }

    const result = {
      bench: 'federation-sustained',
      nodes: PROCESSES ? 'three node processes' : 'three nodes in this process',
      measured: 'synthetic catalog.entry.v1 publishes produced on the city topic (not catalog REST publishes)',
      targetRatePerSecond: RATE,
      producedRatePerSecond: Math.round((warmup + measured) / producedSeconds),
      warmupChanges: warmup,
      measuredChanges: measured,
      cityLoggedPerSecond: await ratePerSecond(city, 'replication_log', 'logged_at'),
      provinceAppliedPerSecond: await ratePerSecond(province, 'replica_record', 'received_at'),
      nationalAppliedPerSecond: await ratePerSecond(national, 'replica_record', 'received_at'),
      cityToNationalMs: atNational,
      cityToProvinceMs: atProvince,
      baselineLocalLogMs: localLog,
      serialCommitsPerSecond,
      ratioP50ToBaseline: Number((atNational.p50 / localLog.p50).toFixed(2)),
      ratioP99ToBaseline: Number((atNational.p99 / localLog.p99).toFixed(2)),
      load: producedLoad,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    expect([await countAt(province), await countAt(national)]).toEqual([measured, measured]);
  });

  it(`measures catch-up of a ${BACKLOG.toLocaleString('en')}-change backlog after the province returns`, async () => {
    await province.stopFederation();

    // The backlog: the rows the city's feed writes for BACKLOG publishes, bulk inserted into its log.
    // The same insert is the baseline: the rate of storing these changes locally in a log table.
    const client = await nodeSqlClient(city.config, 'federation');
    let insertSeconds = 0;
    try {
      for (let from = 0; from < BACKLOG; from += INSERT_CHUNK) {
        const at = new Date();
        const events = Array.from({ length: Math.min(INSERT_CHUNK, BACKLOG - from) }, (_, i) =>
          publishEvent(BACKLOG_BASE + from + i + 1, at),
        );
        const start = performance.now();
        await client.query(
          `INSERT INTO replication_log (event_id, kind, origin, record_key, version, path, event_time, payload)
           SELECT gen_random_uuid(), 'catalog.entry', $1, u.key, u.version, ARRAY[$1]::text[], u.at, u.payload
           FROM unnest($2::text[], $3::bigint[], $4::timestamptz[], $5::jsonb[]) AS u(key, version, at, payload)`,
          [
            CITY,
            events.map((e) => e.entry.id),
            events.map((e) => e.sequence),
            events.map((e) => e.at),
            events.map((e) => JSON.stringify(e)),
          ],
        );
        insertSeconds += (performance.now() - start) / 1000;
      }
    } finally {
      await client.end();
    }
    const backlogCount = async (node: BenchNode) =>
      (
        await node.sql<{ n: number }>(
          'SELECT count(*)::int AS n FROM replica_record WHERE origin = $1 AND version > $2',
          [CITY, BACKLOG_BASE],
        )
      )[0]!.n;
    expect(await backlogCount(national)).toBe(0);

    const before = loadSnapshot();
    const restartedAt = Date.now();
    await province.startFederation();
    const readySeconds = (Date.now() - restartedAt) / 1000;
    const progress: Array<{ s: number; province: number; national: number }> = [];
    let firstSeconds: number | null = null;
    for (let n = 0; n < BACKLOG;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      n = await backlogCount(national);
      const s = Math.round((Date.now() - restartedAt) / 1000);
      if (n > 0 && firstSeconds === null) firstSeconds = s;
      if (progress.length === 0 || s - progress.at(-1)!.s >= 15 || n === BACKLOG) {
        progress.push({ s, province: await backlogCount(province), national: n });
      }
      if (s > 3_000) throw new Error(`backlog not drained after 50 minutes: ${n} of ${BACKLOG} at national`);
    }
    const load = loadBetween(before, loadSnapshot());
    const [window] = await national.sql<{ first: Date; last: Date }>(
      'SELECT min(received_at) AS first, max(received_at) AS last FROM replica_record WHERE origin = $1 AND version > $2',
      [CITY, BACKLOG_BASE],
    );
    const totalSeconds = (window!.last.getTime() - restartedAt) / 1000;
    const drainSeconds = (window!.last.getTime() - window!.first.getTime()) / 1000;

    const result = {
      bench: 'federation-catch-up',
      nodes: PROCESSES ? 'three node processes' : 'three nodes in this process',
      backlog: BACKLOG,
      backlogMadeBy: 'bulk INSERT of valid catalog.entry.v1 publish rows into the city replication_log',
      provinceReadySeconds: Number(readySeconds.toFixed(1)),
      firstAtNationalSeconds: Number(((window!.first.getTime() - restartedAt) / 1000).toFixed(1)),
      totalSeconds: Number(totalSeconds.toFixed(1)),
      changesPerSecond: Math.round(BACKLOG / totalSeconds),
      drainSeconds: Number(drainSeconds.toFixed(1)),
      drainChangesPerSecond: Math.round(BACKLOG / drainSeconds),
      baselineBulkInsertSeconds: Number(insertSeconds.toFixed(2)),
      baselineBulkInsertPerSecond: Math.round(BACKLOG / insertSeconds),
      ratioToBaseline: Number((insertSeconds / totalSeconds).toFixed(4)),
      progress,
      load,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    expect(firstSeconds).not.toBeNull();
    expect([await backlogCount(province), await backlogCount(national)]).toEqual([BACKLOG, BACKLOG]);
  }, 3_600_000);
});
