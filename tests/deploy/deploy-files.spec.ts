/**
 * The deployment files (Dockerfile, .dockerignore, docker-compose.yml, deploy/docker, deploy/helm)
 * cannot be run here (no container engine, no helm), so they are checked by construction: every
 * node config they produce passes the real config loader, every service and script they name
 * exists, every GOVDATA__ override they set is a real config key, and the image carries every
 * file the runtime reads.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { checkUscc, isGovernmentBodyUscc } from '@govdata/codes';
import { ConfigError, nodeConfigSchema, parseNodeConfig, SERVICE_NAMES } from '@govdata/platform-config';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const APPS = new Set<string>([...SERVICE_NAMES, 'cli']);
const IMAGE_ENTRYPOINT = ['node', '--enable-source-maps', '--import', './tools/register.mjs'];
const CONFIG_IN_CONTAINER = '/etc/govdata/node.yaml';

type Env = Record<string, string>;

// ---------------------------------------------------------------------------------------- helpers

/** Compose variable interpolation with every variable unset: `${X:-default}` → default. */
function interpolate(text: string): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, _name, op, fallback) => {
      if (match === '$$') return '$';
      if (op === undefined) throw new Error(`${match}: give compose variables a default (\${NAME:-value})`);
      return (fallback as string) ?? '';
    },
  );
}

/** `GOVDATA__POSTGRES__ADMIN_URL` → ['postgres', 'adminUrl'], exactly as the config loader maps it. */
function overridePath(name: string): string[] {
  return name
    .slice('GOVDATA__'.length)
    .split('__')
    .map((segment) => segment.toLowerCase().replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodNullable || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** The schema at a config path, or undefined when no such key exists. */
function schemaAt(path: readonly string[]): z.ZodType | undefined {
  let schema: z.ZodType | undefined = nodeConfigSchema;
  for (const segment of path) {
    const object: z.ZodType | undefined = schema && unwrap(schema);
    if (!(object instanceof z.ZodObject)) return undefined;
    schema = (object.shape as Record<string, z.ZodType>)[segment];
  }
  return schema;
}

/** Loads a node config the way a container does: file + GOVDATA__ overrides. Throws with every problem. */
function loadWith(file: string, env: Env = {}) {
  try {
    return parseNodeConfig(parseYaml(read(file)), file, { env });
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** `dist/apps/<app>/src/main.js` → app. */
function appOf(script: string): string | undefined {
  return /^dist\/apps\/([^/]+)\/src\/main\.js$/.exec(script)?.[1];
}

function filesUnder(dir: string): string[] {
  const absolute = join(ROOT, dir);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [dir];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

// ------------------------------------------------------------------------------------- compose

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Env;
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  network_mode?: string;
}

const compose = parseYaml(interpolate(read('docker-compose.yml')), { merge: true, maxAliasCount: 1000 }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const services = Object.entries(compose.services);
/** Containers of the govdata image (built from ./Dockerfile). */
const govdata = services.filter(([, s]) => s.build !== undefined);
const isHolder = (s: ComposeService) => s.command?.[0] === '-e';
const isMigrate = (s: ComposeService) => s.command?.[0] === 'dist/apps/cli/src/main.js' && s.command[1] === 'migrate';
const configFileOf = (s: ComposeService) =>
  s.volumes
    ?.map((v) => v.split(':'))
    .find(([, target]) => target === CONFIG_IN_CONTAINER)?.[0]
    ?.replace(/^\.\//, '');
const hostPorts = (s: ComposeService) => (s.ports ?? []).map((p) => Number(String(p).split(':')[0]));
const containerPorts = (s: ComposeService) => (s.ports ?? []).map((p) => Number(String(p).split(':').at(-1)));

describe('docker-compose.yml', () => {
  it('has the infrastructure: PostgreSQL 15+, Redis 7, Apache Kafka 4 in KRaft mode, each with a health check', () => {
    const { postgres, redis, kafka } = compose.services;
    expect(Number(/^postgres:(\d+)/.exec(postgres!.image!)?.[1])).toBeGreaterThanOrEqual(15);
    expect(postgres!.healthcheck!.test!.join(' ')).toContain('pg_isready');
    expect(redis!.image).toMatch(/^redis:7\b/);
    expect(redis!.healthcheck!.test!.join(' ')).toContain('ping');
    expect(kafka!.image).toMatch(/^apache\/kafka:4\.\d+\.\d+$/);
    expect(kafka!.healthcheck!.test).toBeDefined();
    const env = kafka!.environment!;
    expect(env['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(String(env['KAFKA_CONTROLLER_QUORUM_VOTERS'])).toBe(`${env['KAFKA_NODE_ID']}@kafka:9093`);
    expect(Buffer.from(env['CLUSTER_ID']!, 'base64url')).toHaveLength(16);
    expect(env['KAFKA_ADVERTISED_LISTENERS']).toContain('PLAINTEXT://kafka:9092');
    for (const [name, service] of services) expect(service.image ?? '', name).not.toMatch(/bitnami/);
  });

  it('runs every govdata container from the image with the image entrypoint and a script of an existing app', () => {
    expect(govdata.length).toBeGreaterThan(0);
    for (const [name, service] of govdata) {
      expect(service.image, name).toMatch(/^govdata:/);
      expect(service.command, `${name}: command is an exec-form list`).toBeInstanceOf(Array);
      if (isHolder(service)) continue;
      const app = appOf(service.command![0]!);
      expect(APPS, `${name}: ${service.command![0]}`).toContain(app);
      expect(existsSync(join(ROOT, `apps/${app}/src/main.ts`)), `${name}: apps/${app}/src/main.ts exists`).toBe(true);
      expect(service.command!.slice(-2), `${name} reads the mounted config`).toEqual(['--config', CONFIG_IN_CONTAINER]);
    }
  });

  it('gives each node container a config that passes the config loader with the overrides compose sets', () => {
    for (const [name, service] of govdata.filter(([, s]) => !isHolder(s))) {
      const file = configFileOf(service);
      expect(file, `${name} mounts a node config at ${CONFIG_IN_CONTAINER}`).toMatch(
        /^deploy\/docker\/node-[0-9A-Z]+\.yaml$/,
      );
      expect(service.environment, `${name}: environment is a map`).not.toBeInstanceOf(Array);
      const config = loadWith(file!, service.environment);
      // Infrastructure is reached by compose service name.
      expect(config.postgres.host).toBe('postgres');
      expect(new URL(config.postgres.adminUrl).hostname).toBe('postgres');
      expect(new URL(config.redis.url).hostname).toBe('redis');
      expect(config.kafka.brokers).toEqual(['kafka:9092']);
      expect(config.postgres.servicePassword, `${name}: the service roles get a password`).not.toBe('');
    }
  });

  it('sets only GOVDATA__ variables that name a real config key', () => {
    for (const [name, service] of govdata) {
      for (const variable of Object.keys(service.environment ?? {}).filter((v) => v.startsWith('GOVDATA__'))) {
        expect(schemaAt(overridePath(variable)), `${name}: ${variable}`).toBeDefined();
      }
    }
  });

  it('starts a node only after its database is migrated and its infrastructure is healthy', () => {
    for (const [name, service] of govdata.filter(([, s]) => !isHolder(s))) {
      const deps = service.depends_on ?? {};
      for (const infra of ['postgres', 'redis', 'kafka'])
        expect(deps[infra]?.condition, `${name} → ${infra}`).toBe('service_healthy');
      if (isMigrate(service)) {
        expect(service.healthcheck?.disable, `${name} is a one-shot without HTTP health`).toBe(true);
        continue;
      }
      const migrations = Object.entries(deps).filter(([dep]) => isMigrate(compose.services[dep]!));
      expect(migrations, `${name} depends on one migrate service`).toHaveLength(1);
      const [migrateName, { condition }] = migrations[0]!;
      expect(condition).toBe('service_completed_successfully');
      const migrate = compose.services[migrateName]!;
      // The migration provisions the very database the node then uses.
      const database = (s: ComposeService) => loadWith(configFileOf(s)!, s.environment).postgres.database;
      expect(database(migrate), `${name} and ${migrateName}`).toBe(database(service));
    }
  });

  it('waits only on services that report health, and only on services active in the same profiles', () => {
    for (const [name, service] of services) {
      for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) {
        const target = compose.services[dep];
        expect(target, `${name} → ${dep}`).toBeDefined();
        if (condition === 'service_healthy') {
          const reportsHealth = target!.healthcheck ? !target!.healthcheck.disable : target!.build !== undefined;
          expect(reportsHealth, `${name} waits for ${dep} to be healthy`).toBe(true);
        }
        if (target!.profiles) {
          expect(
            service.profiles,
            `${name} (default profile) cannot depend on ${dep} (profiles ${target!.profiles})`,
          ).toBeDefined();
          expect(
            service.profiles!.every((p) => target!.profiles!.includes(p)),
            `${name} → ${dep}`,
          ).toBe(true);
        }
      }
    }
  });

  it('publishes each gateway (and its open-data portal) on the ports its node config gives it, and no host port twice', () => {
    const published = services.flatMap(([, s]) => hostPorts(s));
    expect(new Set(published).size).toBe(published.length);
    for (const [name, service] of govdata.filter(([, s]) => s.ports)) {
      // A network-namespace holder publishes the ports of the containers that join it.
      const user = isHolder(service) ? services.find(([, s]) => s.network_mode === `service:${name}`)![1] : service;
      const config = loadWith(configFileOf(user)!, user.environment);
      const { http, openPortal } = config.services.gateway;
      expect(containerPorts(service), name).toEqual(openPortal ? [http, openPortal] : [http]);
    }
  });

  it('runs the default node all-in-one, and the federation profile as a tree of all-in-one nodes', () => {
    const allInOne = govdata.filter(
      ([, s]) => s.command?.slice(0, 3).join(' ') === 'dist/apps/cli/src/main.js node start',
    );
    const defaults = allInOne.filter(([, s]) => !s.profiles);
    expect(defaults.map(([n]) => n)).toEqual(['node-100000']);
    const federation = allInOne.filter(([, s]) => s.profiles?.includes('federation'));
    const codes = [...defaults, ...federation].map(([, s]) => loadWith(configFileOf(s)!, s.environment).node.code);
    expect(codes.sort()).toEqual(['100000', '11100000000013338W', '360000', '360100']);
    // Each child's node.yaml names its parent's container and ports, and waits for it to be healthy.
    const byCode = new Map(
      [...defaults, ...federation].map(([n, s]) => [loadWith(configFileOf(s)!, s.environment), n] as const),
    );
    for (const [config, name] of byCode) {
      if (!config.node.parent) continue;
      const entry = [...byCode].find(([c]) => c.node.code === config.node.parent!.code);
      expect(entry, `${name}'s parent ${config.node.parent.code} runs in compose`).toBeDefined();
      const [parent, parentName] = entry!;
      // Children dial the parent's federation link port (gRPC over mutual TLS), not its internal gRPC.
      expect(parent.services.federation.link).toBeDefined();
      expect(config.node.parent.federation).toBe(`${parentName}:${parent.services.federation.link}`);
      expect(config.node.parent.gateway).toBe(`http://${parentName}:${parent.services.gateway.http}`);
      expect(compose.services[name]!.depends_on![parentName]?.condition).toBe('service_healthy');
    }
  });

  it('splits one node into one container per service that share a network namespace (node.yaml has one serviceHost)', () => {
    const split = govdata.filter(([, s]) => s.profiles?.includes('split') && !isHolder(s) && !isMigrate(s));
    expect(split.map(([, s]) => appOf(s.command![0]!)).sort()).toEqual([...SERVICE_NAMES].sort());
    const holders = new Set(split.map(([, s]) => s.network_mode));
    expect(holders.size).toBe(1);
    const holderName = /^service:(.+)$/.exec([...holders][0]!)![1]!;
    expect(isHolder(compose.services[holderName]!)).toBe(true);
    for (const [name, service] of split) {
      const config = loadWith(configFileOf(service)!, service.environment);
      expect(config.serviceHost, name).toBe('127.0.0.1');
      // One network namespace: the internal ports need not (and do not) listen beyond loopback.
      expect(config.internalBindHost, name).toBe('127.0.0.1');
      // The image health check asks this container's own service.
      expect(service.environment!['GOVDATA_HEALTHCHECK_SERVICE'], name).toBe(appOf(service.command![0]!));
      expect(service.ports, `${name}: ports are published by ${holderName}`).toBeUndefined();
      expect(config.postgres.database, 'the split copy has its own database').not.toBe('govdata_100000');
    }
  });
});

// ---------------------------------------------------------------------------- node configs

const nodeFiles = readdirSync(join(ROOT, 'deploy/docker'))
  .filter((f) => /^node-.+\.yaml$/.test(f))
  .map((f) => `deploy/docker/${f}`);

describe('deploy/docker/node-*.yaml', () => {
  it('holds the four demo nodes', () => {
    expect(nodeFiles.map((f) => /node-(.+)\.yaml$/.exec(f)![1]).sort()).toEqual([
      '100000',
      '11100000000013338W',
      '360000',
      '360100',
    ]);
  });

  it.each(nodeFiles)('%s is valid on its own and follows the per-node naming', (file) => {
    const code = /node-(.+)\.yaml$/.exec(file)![1]!;
    const config = loadWith(file);
    expect(config.node.code).toBe(code);
    expect(config.postgres.database).toBe(`govdata_${code.toLowerCase()}`);
    expect(config.kafka.topicPrefix).toBe(`n${code}.`);
    expect(config.redis.keyPrefix).toBe(`n${code}:`);
    expect(new URL(config.identity.issuer).port).toBe(String(config.services.gateway.http));
    expect(Object.keys(config.services).sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it('gives no two ports the same number, within a node or across the demo nodes', () => {
    const ports = nodeFiles.flatMap((file) => Object.values(loadWith(file).services).flatMap((p) => [p.http, p.grpc]));
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('forms the tree national ← Jiangxi ← Nanchang, national ← ministry', () => {
    const configs = new Map(nodeFiles.map((file) => [loadWith(file).node.code, loadWith(file)]));
    const levelAndParent = [...configs.values()].map((c) => [c.node.code, c.node.level, c.node.parent?.code ?? null]);
    expect(levelAndParent.sort()).toEqual([
      ['100000', 'national', null],
      ['11100000000013338W', 'ministry', '100000'],
      ['360000', 'provincial', '100000'],
      ['360100', 'municipal', '360000'],
    ]);
  });

  it('names the ministry by a government-body unified social credit code with a valid check digit', () => {
    const ministry = nodeFiles.map((f) => loadWith(f)).find((c) => c.node.level === 'ministry')!;
    expect(checkUscc(ministry.node.code)).toEqual({ wellFormed: true, checkDigitValid: true });
    expect(isGovernmentBodyUscc(ministry.node.code)).toBe(true);
  });

  it('takes GOVDATA__ values for string keys verbatim and names an unknown key', () => {
    const base = 'deploy/docker/node-100000.yaml';
    expect(loadWith(base, { GOVDATA__POSTGRES__SERVICE_PASSWORD: '123456' }).postgres.servicePassword).toBe('123456');
    expect(loadWith(base, { GOVDATA__REDIS__KEY_PREFIX: 'n1:' }).redis.keyPrefix).toBe('n1:');
    expect(() => loadWith(base, { GOVDATA__POSTGRES__NO_SUCH_KEY: 'x' })).toThrow(/noSuchKey/);
  });
});

// ------------------------------------------------------------------------- Dockerfile

interface Instruction {
  keyword: string;
  args: string;
  stage: string;
}

function dockerInstructions(text: string): Instruction[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  let stage = '';
  return logical.map((line) => {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? args;
    return { keyword: keyword.toUpperCase(), args, stage };
  });
}

const dockerfile = dockerInstructions(read('Dockerfile'));
const finalStage = dockerfile.filter((i) => i.keyword === 'FROM').at(-1)!.stage;
const inFinal = dockerfile.filter((i) => i.stage === finalStage);
/** COPY sources from the build context (not --from another stage), per stage. */
const contextCopies = dockerfile
  .filter((i) => i.keyword === 'COPY' && !/--from=/.test(i.args))
  .map((i) => {
    const words = i.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    return { stage: i.stage, sources: words.slice(0, -1), target: words.at(-1)! };
  });
const runtimeSources = contextCopies.filter((c) => c.stage === finalStage).flatMap((c) => c.sources);

describe('Dockerfile', () => {
  it('builds on node:20-bookworm-slim from the lockfile + npm run build, and runs on production dependencies only', () => {
    expect(read('Dockerfile')).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    const runs = (stage: string) =>
      dockerfile.filter((i) => i.stage === stage && i.keyword === 'RUN').map((i) => i.args);
    expect(runs('build').some((r) => /npm install --no-audit(?!.*--omit)/.test(r))).toBe(true);
    expect(runs('build').some((r) => r.includes('npm run build'))).toBe(true);
    expect(runs('prod-deps').some((r) => r.includes('npm install --omit=dev'))).toBe(true);
    // npm 11 honours package.json allowScripts (no install scripts, no toolchain); node:20 ships npm 10.
    expect(runs('npm').join(' ')).toMatch(/npm install --global npm@\$\{NPM_VERSION\}/);
    expect(read('Dockerfile')).toMatch(/^ARG NPM_VERSION=11\./m);
    expect(inFinal.filter((i) => i.keyword === 'COPY' && /--from=/.test(i.args)).map((i) => i.args)).toEqual([
      '--from=prod-deps /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
    ]);
  });

  it('copies every file the runtime reads into the image', () => {
    // tools/register.mjs registers tools/resolve-workspace.mjs, which reads tsconfig.base.json;
    // libs/contracts loads proto/ at run time; package.json makes dist/**/*.js ES modules.
    expect(read('tools/register.mjs')).toContain("'./resolve-workspace.mjs'");
    expect(read('tools/resolve-workspace.mjs')).toContain('tsconfig.base.json');
    expect(JSON.parse(read('package.json')).type).toBe('module');
    for (const needed of [
      'package.json',
      'tsconfig.base.json',
      'tools/register.mjs',
      'tools/resolve-workspace.mjs',
      'proto',
      'deploy/docker/healthcheck.mjs',
    ]) {
      expect(runtimeSources, needed).toContain(needed);
    }
    for (const source of contextCopies.flatMap((c) => c.sources))
      expect(existsSync(join(ROOT, source)), source).toBe(true);
  });

  it('runs as a numeric non-root user with the resolver entrypoint and the all-in-one node as default command', () => {
    const last = (keyword: string) => inFinal.filter((i) => i.keyword === keyword).at(-1)?.args;
    expect(last('USER')).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(JSON.parse(last('ENTRYPOINT')!)).toEqual(IMAGE_ENTRYPOINT);
    expect(JSON.parse(last('CMD')!)).toEqual([
      'dist/apps/cli/src/main.js',
      'node',
      'start',
      '--config',
      CONFIG_IN_CONTAINER,
    ]);
    expect(last('WORKDIR')).toBe('/app');
  });

  it('checks health with node (no curl in slim images) through the script it copies', () => {
    const healthcheck = inFinal.find((i) => i.keyword === 'HEALTHCHECK')!.args;
    const command = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD') + 3).trim()) as string[];
    expect(command).toEqual(['node', '--import', '/app/tools/register.mjs', '/app/deploy/docker/healthcheck.mjs']);
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  it('keeps every file the build and the runtime need in the build context (.dockerignore)', () => {
    const patterns = read('.dockerignore')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(
      patterns.some((p) => p.startsWith('!')),
      'no re-includes: the simple matcher below does not model them',
    ).toBe(false);
    const toRegExp = (pattern: string) =>
      new RegExp(
        `^${pattern
          .replace(/^\/+|\/+$/g, '')
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*\//g, '%%ANY_DIRS%%')
          .replace(/\*\*/g, '.*')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')
          .replace(/%%ANY_DIRS%%/g, '(?:.*/)?')}(?:/.*)?$`,
      );
    const excluded = (path: string) => patterns.some((p) => toRegExp(p).test(path));
    expect(excluded('node_modules/x/index.js') && excluded('libs/a/src/b.spec.ts') && excluded('dist/a.js')).toBe(true);
    const needed = contextCopies
      .flatMap((c) => c.sources)
      .flatMap((source) => filesUnder(source))
      .map((file) => relative(ROOT, join(ROOT, file)))
      .filter((file) => !/\.(int-)?spec\.ts$/.test(file));
    expect(needed.length).toBeGreaterThan(0);
    expect(needed.filter(excluded)).toEqual([]);
  });
});

// --------------------------------------------------------------------- image health check

describe('deploy/docker/healthcheck.mjs', () => {
  let server: Server;
  let status = 200;
  let dir: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/healthz' ? status : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'govdata-healthcheck-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    delete process.env['GOVDATA_CONFIG'];
    delete process.env['GOVDATA_HEALTHCHECK_SERVICE'];
    vi.restoreAllMocks();
  });

  /** Runs the script as the container would (config + env), and returns the exit code it chose. */
  async function runHealthcheck(service: string, port: number): Promise<number> {
    const config = parseYaml(read('deploy/docker/node-100000.yaml')) as { services: Record<string, { http: number }> };
    config.services[service]!.http = port;
    const file = join(dir, `${service}-${port}.yaml`);
    writeFileSync(file, JSON.stringify(config));
    process.env['GOVDATA_CONFIG'] = file;
    process.env['GOVDATA_HEALTHCHECK_SERVICE'] = service;
    let code: number | undefined;
    vi.spyOn(process, 'exit').mockImplementation(((c?: number) => {
      code ??= c ?? 0;
    }) as typeof process.exit);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.resetModules();
    const script = `${pathToFileURL(join(ROOT, 'deploy/docker/healthcheck.mjs')).href}?${service}-${port}-${status}`;
    await import(/* @vite-ignore */ script);
    return code!;
  }

  it('is healthy when the named service answers /healthz with 2xx, on the port of the config', async () => {
    status = 200;
    expect(await runHealthcheck('catalog', (server.address() as AddressInfo).port)).toBe(0);
  });

  it('is unhealthy when the service answers an error or nobody listens', async () => {
    status = 503;
    expect(await runHealthcheck('gateway', (server.address() as AddressInfo).port)).toBe(1);
    status = 200;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unused = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await runHealthcheck('gateway', unused)).toBe(1);
  });
});

// ------------------------------------------------------------------------------ Helm chart

const CHART = 'deploy/helm/govdata-node';
const templates = readdirSync(join(ROOT, CHART, 'templates')).map((f) => `${CHART}/templates/${f}`);
const templateText = templates.map((t) => read(t)).join('\n');
const values = parseYaml(read(`${CHART}/values.yaml`)) as {
  mode: string;
  config: Record<string, unknown> & { services: Record<string, unknown> };
  split: Record<string, unknown>;
  secrets: Record<string, string>;
};

/**
 * node.yaml as the chart's ConfigMap renders it (values.config + serviceHost + internalBindHost), plus
 * the Secret's overrides.
 */
function chartNodeConfig(mode: 'all-in-one' | 'split', secrets: Env) {
  const doc = {
    ...structuredClone(values.config),
    serviceHost: mode === 'all-in-one' ? '127.0.0.1' : 'govdata-360000-grpc',
    internalBindHost: mode === 'all-in-one' ? '127.0.0.1' : '0.0.0.0',
  };
  // The chart's Secret stores each value as it is (`b64enc`); string keys are read verbatim.
  const env: Env = {
    GOVDATA__POSTGRES__ADMIN_URL: secrets['postgresAdminUrl'],
    GOVDATA__POSTGRES__SERVICE_PASSWORD: secrets['postgresServicePassword'],
    GOVDATA__REDIS__URL: secrets['redisUrl'],
    // optional: true in the chart — an existing Secret may lack the key.
    ...(secrets['metricsToken'] === undefined ? {} : { GOVDATA__HTTP__METRICS_TOKEN: secrets['metricsToken'] }),
  };
  return parseNodeConfig(doc, `${CHART}/values.yaml`, { env });
}

describe('deploy/helm/govdata-node', () => {
  const exampleSecrets = {
    postgresAdminUrl: 'postgresql://postgres:p%40ss@pg.example.internal:5432/postgres',
    postgresServicePassword: '123456',
    redisUrl: 'redis://:s3cret@redis.example.internal:6379/0',
  };

  it('renders a node.yaml that passes the config loader in both modes, with the Secret applied verbatim', () => {
    for (const mode of ['all-in-one', 'split'] as const) {
      const config = chartNodeConfig(mode, exampleSecrets);
      expect(config.postgres.servicePassword).toBe('123456');
      expect(config.postgres.adminUrl).toBe(exampleSecrets.postgresAdminUrl);
      expect(config.redis.url).toBe(exampleSecrets.redisUrl);
    }
    for (const tricky of ['yes', 'null', '0x1F', 'a: b', '#x', '"quoted"', "it's", '[1]', '&anchor', ' spaced ']) {
      expect(
        chartNodeConfig('split', { ...exampleSecrets, postgresServicePassword: tricky }).postgres.servicePassword,
      ).toBe(tricky);
    }
    // Internal ports stay on loopback in one pod; split pods dial each other, so they listen on all addresses.
    expect(templateText).toContain(
      '{{- $_ := set $config "internalBindHost" (ternary "127.0.0.1" "0.0.0.0" (eq .Values.mode "all-in-one")) }}',
    );
    expect(chartNodeConfig('all-in-one', exampleSecrets).internalBindHost).toBe('127.0.0.1');
    expect(chartNodeConfig('split', exampleSecrets).internalBindHost).toBe('0.0.0.0');
    // Strings go into the Secret as they are: the config loader keeps string keys verbatim.
    expect(templateText).toMatch(/postgres-service-password: .*\| b64enc/);
    expect(templateText).not.toMatch(/toJson \| b64enc/);
  });

  it('validates values.yaml against values.schema.json, which keeps credentials out of the ConfigMap', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(read(`${CHART}/values.schema.json`)));
    expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
    const leaky = structuredClone(values);
    (leaky.config['postgres'] as Record<string, unknown>)['servicePassword'] = 'x';
    expect(validate(leaky)).toBe(false);
    const numericCode = structuredClone(values);
    (numericCode.config['node'] as Record<string, unknown>)['code'] = 360000;
    expect(validate(numericCode)).toBe(false);
  });

  it('names exactly the node services, with valid Kubernetes port names', () => {
    expect(Object.keys(values.config.services).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(Object.keys(values.split).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const service of SERVICE_NAMES) {
      for (const name of [`http-${service}`, `grpc-${service}`])
        expect(name).toMatch(/^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/);
    }
  });

  it('runs only scripts of existing apps, through the image entrypoint', () => {
    const scripts = [...templateText.matchAll(/dist\/apps\/([^/\s]+)\/src\/main\.js/g)].map((m) => m[1]!);
    expect(scripts).toContain('cli');
    for (const app of scripts) {
      if (app === '{{ $name }}') continue; // split: one per key of config.services, checked above
      expect(APPS).toContain(app);
      expect(existsSync(join(ROOT, `apps/${app}/src/main.ts`)), `apps/${app}/src/main.ts`).toBe(true);
    }
    expect(templateText).not.toMatch(/^\s+command:/m); // args only: keep the image's ENTRYPOINT
  });

  it('sets only GOVDATA__ variables that name a real config key', () => {
    const names = [...templateText.matchAll(/\bGOVDATA__[A-Z0-9_]+/g)].map((m) => m[0]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(schemaAt(overridePath(name)), name).toBeDefined();
  });

  it('refers only to values that exist and to templates it defines', () => {
    const has = (path: string[]) =>
      path.reduce<unknown>(
        (node, key) =>
          node && typeof node === 'object' && key in node ? (node as Record<string, unknown>)[key] : undefined,
        values,
      ) !== undefined;
    for (const [, path] of templateText.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
      expect(has(path!.slice(1).split('.')), `.Values${path}`).toBe(true);
    }
    const defined = new Set([...templateText.matchAll(/define "([^"]+)"/g)].map((m) => m[1]));
    for (const [, name] of templateText.matchAll(/include "([^"]+)"/g)) expect(defined, name).toContain(name);
  });

  it('balances its template blocks in every file', () => {
    for (const template of templates) {
      let depth = 0;
      for (const [, action] of read(template).matchAll(/\{\{-?\s*(.*?)\s*-?\}\}/gs)) {
        if (/^(if|range|with|define|block)\b/.test(action!)) depth += 1;
        else if (/^end\b/.test(action!)) depth -= 1;
        expect(depth, template).toBeGreaterThanOrEqual(0);
      }
      expect(depth, template).toBe(0);
    }
  });

  it('turns the API docs off and gives /metrics the monitoring token from the Secret, never from the ConfigMap', () => {
    const metricsToken = 'prometheus-scrape-token-0123';
    for (const mode of ['all-in-one', 'split'] as const) {
      const config = chartNodeConfig(mode, { ...exampleSecrets, metricsToken });
      expect(config.http).toEqual({ apiDocs: false, metricsToken });
      // An existing Secret without the key leaves /metrics off rather than failing the pod.
      expect(chartNodeConfig(mode, exampleSecrets).http.metricsToken).toBe('');
    }
    expect(templateText).toMatch(/key: metrics-token\s+optional: true/);
    expect(templateText).toMatch(/metrics-token: \{\{ \.Values\.secrets\.metricsToken \| b64enc \}\}/);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(read(`${CHART}/values.schema.json`)) as object,
    );
    const leaky = structuredClone(values);
    leaky.config['http'] = { apiDocs: false, metricsToken };
    expect(validate(leaky)).toBe(false);
  });

  it('migrates as a pre-install/pre-upgrade hook, probes /healthz and /readyz, and annotates for Prometheus', () => {
    const job = read(`${CHART}/templates/migrate-job.yaml`);
    expect(job).toContain('helm.sh/hook: pre-install,pre-upgrade');
    expect(job).toMatch(/args: \[dist\/apps\/cli\/src\/main\.js, migrate, --config, \/etc\/govdata\/node\.yaml\]/);
    expect(templateText).toMatch(/path: \/healthz/);
    expect(templateText).toMatch(/readinessProbe:\s+httpGet: \{ path: \/readyz/);
    expect(templateText).toContain("prometheus.io/scrape: 'true'");
    expect(templateText).toContain('prometheus.io/path: /metrics');
    for (const file of [
      'Chart.yaml',
      'values.yaml',
      'templates/NOTES.txt',
      'templates/configmap.yaml',
      'templates/secret.yaml',
    ]) {
      expect(existsSync(join(ROOT, CHART, file)), file).toBe(true);
    }
    expect(parseYaml(read(`${CHART}/Chart.yaml`))).toMatchObject({
      apiVersion: 'v2',
      name: 'govdata-node',
      type: 'application',
    });
  });
});
