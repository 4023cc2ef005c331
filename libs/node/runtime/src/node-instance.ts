import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SERVICE_NAMES, type NodeConfig } from '@govdata/platform-config';
import { dropNodeDatabase } from '@govdata/platform-persistence';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { createClient } from 'redis';

/**
 * Which data directory a node database belongs to. The keys that make a node's state usable (token
 * signing, sealed credentials, the node's certificates and the CA that signed its children's) live
 * in `node.dataDir`, the rest in PostgreSQL, Redis and Kafka: a database made with another data
 * directory (another clone of the repository, a wiped `.data`) cannot be used with this one. Both
 * sides carry the same instance id: `<dataDir>/instance.json` and the database's comment.
 */
export interface NodeInstanceState {
  /** The id in `<dataDir>/instance.json`, null when the data directory has none. */
  dataDirInstance: string | null;
  /** Whether the node database exists, and the instance id its comment names (null when none). */
  database: { exists: boolean; instance: string | null };
}

const MARK = 'govdata-instance:';

export function instanceFile(config: NodeConfig): string {
  return join(config.node.dataDir, 'instance.json');
}

export async function readNodeInstance(config: NodeConfig): Promise<NodeInstanceState> {
  const dataDirInstance = await readFile(instanceFile(config), 'utf8').then(
    (text) => (JSON.parse(text) as { instance?: string }).instance ?? null,
    () => null,
  );
  const rows = await adminQuery<{ comment: string | null }>(
    config,
    "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
    [config.postgres.database],
  );
  const comment = rows[0]?.comment ?? null;
  return {
    dataDirInstance,
    database: {
      exists: rows.length > 0,
      instance: comment?.startsWith(MARK) ? comment.slice(MARK.length).split(' ')[0]! : null,
    },
  };
}

/** The state is this data directory's own: both sides carry one id, or neither exists yet. */
export function isOwnState(state: NodeInstanceState): boolean {
  if (!state.database.exists) return state.dataDirInstance === null;
  return state.dataDirInstance !== null && state.database.instance === state.dataDirInstance;
}

/** Says why `isOwnState` is false, for the console. */
export function describeForeignState(config: NodeConfig, state: NodeInstanceState): string {
  const db = config.postgres.database;
  const dir = resolve(config.node.dataDir);
  if (!state.database.exists) return `${dir} holds state of a database ${db} that no longer exists`;
  if (state.database.instance === null) return `database ${db} was not made with ${dir} (it carries no instance id)`;
  if (state.dataDirInstance === null) return `database ${db} was made with another data directory (${dir} is new)`;
  return `database ${db} belongs to instance ${state.database.instance}, ${dir} to ${state.dataDirInstance}`;
}

/** Marks the node database and the data directory as one instance (after the database exists). */
export async function markNodeInstance(config: NodeConfig, instance: string = randomUUID()): Promise<string> {
  await mkdir(config.node.dataDir, { recursive: true, mode: 0o700 });
  await writeFile(instanceFile(config), `${JSON.stringify({ instance, dataDir: resolve(config.node.dataDir) })}\n`);
  const comment = `${MARK}${instance} ${resolve(config.node.dataDir)}`;
  await adminQuery(config, `COMMENT ON DATABASE ${quoteIdent(config.postgres.database)} IS ${quoteLiteral(comment)}`);
  return instance;
}

/**
 * DEMO ONLY — forgets everything the node owns: its databases (and `<database>_sources`, the demo's
 * sample tables) and roles, its Redis keys (`redis.keyPrefix`), its Kafka topics and consumer groups
 * (`kafka.topicPrefix`) and its data directory. Returns what it removed, for the console.
 */
export async function resetNodeState(config: NodeConfig): Promise<string[]> {
  const removed: string[] = [];
  const sources = `${config.postgres.database}_sources`;
  await adminQuery(config, `DROP DATABASE IF EXISTS ${quoteIdent(sources)} WITH (FORCE)`);
  await adminQuery(config, `DROP ROLE IF EXISTS ${quoteIdent(`${sources}_reader`)}`);
  await dropNodeDatabase(config, SERVICE_NAMES);
  removed.push(`databases ${config.postgres.database}, ${sources}`);

  const redis = createClient({ url: config.redis.url });
  await redis.connect();
  try {
    let keys = 0;
    for await (const batch of redis.scanIterator({ MATCH: `${config.redis.keyPrefix}*`, COUNT: 500 })) {
      const list = ([] as string[]).concat(batch as string | string[]);
      if (list.length > 0) keys += await redis.del(list);
    }
    removed.push(`${keys} Redis keys ${config.redis.keyPrefix}*`);
  } finally {
    await redis.quit();
  }

  const admin = new Kafka({
    clientId: `${config.kafka.clientId}-reset`,
    brokers: config.kafka.brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const prefix = config.kafka.topicPrefix;
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
    removed.push(`${topics.length} Kafka topics and ${groups.length} consumer groups ${prefix}*`);
  } finally {
    await admin.disconnect();
  }

  await rm(config.node.dataDir, { recursive: true, force: true });
  removed.push(`data directory ${resolve(config.node.dataDir)}`);
  return removed;
}

/**
 * DEMO ONLY — checks that every node's database and data directory belong together and, when one
 * does not (or `clean`), drops the state of all of them: their enrolments depend on each other, so a
 * federation is started clean as a whole. Says what it found and did through `say`; returns whether
 * it dropped anything.
 */
export async function startCleanWhenForeign(
  configs: readonly NodeConfig[],
  options: { clean: boolean; reason?: string | undefined },
  say: (line: string) => void,
): Promise<boolean> {
  const reasons: string[] = [];
  for (const config of configs) {
    const state = await readNodeInstance(config);
    if (!isOwnState(state)) reasons.push(`${config.node.code}: ${describeForeignState(config, state)}`);
  }
  if (!options.clean && reasons.length === 0) return false;
  if (options.clean) say(`${options.reason ?? 'clean start'}: dropping the demo nodes' state`);
  else {
    say("the demo's saved state cannot be used with this data directory:");
    for (const reason of reasons) say(`  ${reason}`);
    say(
      "this is a demo, so it starts clean: dropping the demo nodes' databases, Redis keys, Kafka topics and data directories",
    );
  }
  for (const config of configs) say(`  ${config.node.code}: dropped ${(await resetNodeState(config)).join('; ')}`);
  return true;
}

async function adminQuery<T extends pg.QueryResultRow>(
  config: NodeConfig,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: config.postgres.adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
