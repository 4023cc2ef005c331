import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initNodeKey, requestEnrolment } from '@govdata/federation-feature';
import { markNodeInstance, readNodeInstance, startCleanWhenForeign } from '@govdata/node-runtime';
import type { NodeConfig } from '@govdata/platform-config';
import { provisionNodeDatabase } from '@govdata/platform-persistence';
import { dropTestNode, startNodeProcess, testNodeConfig } from '@govdata/platform-testing';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { createClient } from 'redis';
import { startFederationNode } from './federation-harness.js';

/** The same node configuration with another data directory: what a second clone of the repository has. */
function fromAnotherClone(config: NodeConfig): NodeConfig {
  return { ...config, node: { ...config.node, dataDir: mkdtempSync(join(tmpdir(), 'govdata-clone2-')) } };
}

async function databaseExists(config: NodeConfig): Promise<boolean> {
  const client = new pg.Client({ connectionString: config.postgres.adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [config.postgres.database]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('state made with another data directory', () => {
  it('the demo detects a database of another clone and starts clean: databases, Redis keys, Kafka topics dropped', async () => {
    const first = await testNodeConfig();
    const redis = createClient({ url: first.redis.url });
    await redis.connect();
    const kafka = new Kafka({
      clientId: 'foreign-state-test',
      brokers: first.kafka.brokers,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      // The first clone's run: database, data directory, Redis keys and a topic of the node.
      await provisionNodeDatabase(first, ['federation']);
      await markNodeInstance(first);
      await redis.set(`${first.redis.keyPrefix}session:1`, 'x');
      const topic = `${first.kafka.topicPrefix}catalog.entry.v1`;
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      const said: string[] = [];
      expect(await startCleanWhenForeign([first], { clean: false }, (l) => said.push(l))).toBe(false);
      expect(said).toEqual([]);
      expect(await databaseExists(first)).toBe(true);

      // The second clone: same node.yaml (database, prefixes), its own empty data directory.
      const second = fromAnotherClone(first);
      expect(await startCleanWhenForeign([second], { clean: false }, (l) => said.push(l))).toBe(true);
      expect(said[0]).toBe("the demo's saved state cannot be used with this data directory:");
      expect(said[1]).toContain(`100000: database ${first.postgres.database} was made with another data directory`);
      expect(said.join('\n')).toContain('this is a demo, so it starts clean');
      expect(await databaseExists(second)).toBe(false);
      expect(await redis.keys(`${first.redis.keyPrefix}*`)).toEqual([]);
      expect((await admin.listTopics()).filter((t) => t.startsWith(first.kafka.topicPrefix))).toEqual([]);

      // Started again, its database is its own from then on.
      await provisionNodeDatabase(second, ['federation']);
      await markNodeInstance(second);
      expect(await startCleanWhenForeign([second], { clean: false }, () => {})).toBe(false);
      // …and the first clone's data directory no longer matches it.
      const state = await readNodeInstance(first);
      expect(state.database.instance).not.toBe(state.dataDirInstance);
    } finally {
      await admin.disconnect();
      await redis.quit();
      await dropTestNode(first);
    }
  });

  it('a database left by a launcher that did not mark it (an older release) is not trusted either', async () => {
    const config = await testNodeConfig();
    try {
      await provisionNodeDatabase(config, ['federation']);
      const said: string[] = [];
      expect(await startCleanWhenForeign([config], { clean: false }, (l) => said.push(l))).toBe(true);
      expect(said[1]).toContain('carries no instance id');
      expect(await databaseExists(config)).toBe(false);
    } finally {
      await dropTestNode(config);
    }
  });

  it('a node whose registry lists enrolled children but whose data directory lacks its keys refuses to start, saying what to do', async () => {
    const national = await startFederationNode();
    let keepDatabase = false;
    try {
      await initNodeKey(national.config);
      const child = await testNodeConfig({
        node: {
          code: '360000',
          name: '江西省政务数据共享平台',
          level: 'provincial',
          parent: { code: '100000', gateway: national.gateway.httpUrl, federation: '127.0.0.1:1' },
        },
      });
      const operator = await national.token(['operator'], 'user:ops@100000');
      const issued = await national.api('POST', '/api/v1/federation/enrolment-tokens', {
        token: operator,
        body: { childCode: '360000', childName: child.node.name, level: 'provincial' },
      });
      expect(issued.status).toBe(201);
      await initNodeKey(child);
      const enrolment = await requestEnrolment(child, issued.body.token as string);
      const approved = await national.api('POST', `/api/v1/federation/enrolments/${enrolment.id}/approve`, {
        token: operator,
        body: {},
      });
      expect(approved.status).toBe(200);
      await national.federation.close();
      await national.gateway.close();
      keepDatabase = true;

      // The same database with another (empty) data directory: `govdata node start` stops and says why.
      const elsewhere = startNodeProcess(fromAnotherClone(national.config));
      const code = await elsewhere.exited;
      expect(code).toBe(1);
      const output = elsewhere.output();
      expect(output).toContain(
        `node 100000: its registry (database ${national.config.postgres.database}) lists enrolled children 360000`,
      );
      expect(output).toContain('Either restore that data directory (node.dataDir');
      expect(output).toContain('or give the node a new database (postgres.database) and enrol its children again');

      // With its own data directory the same database starts.
      const home = startNodeProcess(national.config);
      try {
        expect((await home.ready()).code).toBe('100000');
      } finally {
        // Only its start is under test: SIGKILL spares the graceful stop (each service waits out its
        // Kafka consumer's fetch, some 20 s in all); the database is dropped below.
        home.child.kill('SIGKILL');
        await home.exited;
      }
    } finally {
      if (keepDatabase) await dropTestNode(national.config);
      else await national.close();
    }
  });
});
