import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadNodeConfig, portalDirectory, type NodeConfig } from '@govdata/platform-config';
import { Supervisor, markNodeInstance, readNodeInstance, startCleanWhenForeign } from '@govdata/node-runtime';
import { enrolDemoFederation } from './demo-enrolment.js';
import { DEMO_PROVIDER_PORT, startDemoProvider } from './demo-provider.js';
import { repoRoot } from './repo-root.js';

interface DemoNode {
  config: NodeConfig;
  file: string;
  child?: ChildProcess;
  /** Became ready once: from then on a node that dies is restarted, before that the demo stops. */
  ready?: boolean;
}

const READY_TIMEOUT_MS = 300_000;

/**
 * The demo federation: every `deploy/demo/node-*.yaml` as its own `govdata node start` process,
 * parents first, supervised: a node that dies is restarted with a backoff while the others keep
 * serving. State made with another data directory (another clone) is dropped first: it is a demo.
 * Prints the gateways once every node answers ready and the links are up; Ctrl-C stops them all.
 */
export async function runDemo(options: { only?: string[]; clean?: boolean }): Promise<void> {
  const root = repoRoot();
  const folder = join(root, 'deploy/demo');
  const all: DemoNode[] = readdirSync(folder)
    .filter((f) => /^node-.+\.yaml$/.test(f))
    .map((f) => ({ file: join(folder, f), config: loadNodeConfig(join(folder, f)) }));
  const found = all.filter((n) => !options.only || options.only.includes(n.config.node.code));
  const byCode = new Map(all.map((n) => [n.config.node.code, n.config]));
  // Parents first, so a child's parent is already starting when the child comes up.
  const nodes = found.sort((a, b) => depth(a.config, byCode) - depth(b.config, byCode));
  // The demo's databases and data directories must belong together: after a run from another clone
  // (or with `.data` removed) the databases hold enrolments whose keys are elsewhere. It is a demo:
  // such state is dropped and the demo starts clean, saying so.
  await startCleanWhenForeign(
    all.map((n) => n.config),
    { clean: options.clean === true, reason: options.clean ? '--clean' : undefined },
    (line) => process.stdout.write(`[demo] ${line}\n`),
  );

  const started = Date.now();
  const supervisor = new Supervisor((line) => process.stdout.write(`[demo] node ${line}\n`));
  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n[demo] stopping ${nodes.length} nodes…\n`);
    await supervisor.stopAll('SIGTERM');
    process.stdout.write('[demo] all nodes stopped\n');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const node of nodes) {
    supervisor.start({
      name: node.config.node.code,
      command: process.execPath,
      args: [
        '--enable-source-maps',
        '--import',
        join(root, 'tools/register.mjs'),
        join(root, 'dist/apps/cli/src/main.js'),
        'node',
        'start',
        '--config',
        node.file,
      ],
      // Own process group: a terminal Ctrl-C reaches only this supervisor, which stops the nodes in order.
      // GOVDATA_DEMO=1: each node runs with the demo seed (demo organisations and accounts, the demo catalog).
      options: {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, GOVDATA_DEMO: '1' },
        detached: true,
      },
      onStart: (child, start) => {
        node.child = child;
        prefixOutput(node);
        if (start > 1) void announceBack(node, child);
      },
      // A node that never came up would fail the same way again: the demo stops and says why above.
      restart: () => {
        if (node.ready || stopping) return true;
        process.stderr.write(`[demo] node ${node.config.node.code} failed to start; stopping the demo\n`);
        void stopAll(1);
        return false;
      },
    });
  }

  try {
    await Promise.all(
      nodes.map(async (n) => {
        await waitReady(n);
        n.ready = true;
      }),
    );
  } catch (error) {
    process.stderr.write(`[demo] ${(error as Error).message}\n`);
    await stopAll(1);
    return;
  }
  for (const n of nodes) {
    const state = await readNodeInstance(n.config);
    if (state.dataDirInstance === null) await markNodeInstance(n.config);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`\n[demo] ${nodes.length} nodes ready in ${seconds} s\n`);
  for (const n of nodes) {
    const c = n.config.node;
    process.stdout.write(
      `[demo]   ${c.code.padEnd(18)} ${c.level.padEnd(10)} http://127.0.0.1:${n.config.services.gateway.http}/  ` +
        `pid ${String(supervisor.pid(c.code)).padEnd(8)} ${c.name}${c.parent ? ` (parent ${c.parent.code})` : ''}\n`,
    );
  }
  // The nodes enrol with their parents (as their operators would) so the links carry catalogs upward.
  // Without the links there is no federation to show: the demo stops rather than run unlinked.
  try {
    for (const line of await enrolDemoFederation(nodes.map((n) => n.config))) process.stdout.write(`[demo] ${line}\n`);
  } catch (error) {
    process.stderr.write(
      `[demo] enrolment failed, so the nodes cannot federate: ${(error as Error).message}\n` +
        '[demo] stopping; `npm start -- --clean` starts the demo from empty databases.\n',
    );
    await stopAll(1);
    return;
  }
  // Nanchang's sample provider system, for the exchange walk-through in the README.
  const nanchang = nodes.find((n) => n.config.node.code === '360100');
  if (nanchang) {
    try {
      const provider = await startDemoProvider(nanchang.config);
      process.on('exit', () => provider.close());
      process.stdout.write(
        `[demo] sample provider system (南昌市人口基本信息查询) on http://127.0.0.1:${DEMO_PROVIDER_PORT}\n`,
      );
    } catch (error) {
      process.stderr.write(`[demo] the sample provider system did not start: ${(error as Error).message}\n`);
    }
  }
  process.stdout.write(`[demo] ${portalLine(nodes.map((n) => n.config))}\n`);
  process.stdout.write(
    '[demo] GET /api/v1/node on each gateway shows its services. A node that dies is restarted ' +
      '(try `kill -9 <pid>`); Ctrl-C stops everything.\n',
  );
}

/** After a restart: says when the node answers ready again (its links reconnect and catch up by themselves). */
async function announceBack(node: DemoNode, child: ChildProcess): Promise<void> {
  const since = Date.now();
  try {
    await waitReady(node);
    if (child.exitCode === null && child.signalCode === null)
      process.stdout.write(
        `[demo] node ${node.config.node.code} ready again (pid ${child.pid}) after ${((Date.now() - since) / 1000).toFixed(1)} s\n`,
      );
  } catch {
    // still down: the supervisor says so when it exits
  }
}

/** Where the staff portal is (each address above, in a browser), or why it is not there. */
function portalLine(configs: NodeConfig[]): string {
  const missing = configs.filter((c) => !existsSync(join(portalDirectory(c), 'index.html')));
  if (missing.length === 0) {
    return '共享门户 (staff portal): open an address above in a browser and sign in with a demo account.';
  }
  return (
    `共享门户 (staff portal) is not built (${portalDirectory(missing[0]!)} has no index.html): ` +
    'run `npm run build:portal`; the API works meanwhile.'
  );
}

function depth(config: NodeConfig, byCode: Map<string, NodeConfig>): number {
  let d = 0;
  for (let c: NodeConfig | undefined = config; c?.node.parent; c = byCode.get(c.node.parent.code)) d++;
  return d;
}

function prefixOutput(node: DemoNode): void {
  const tag = `[${node.config.node.code}] `;
  // Nodes log JSON lines; the demo shows warnings and errors, and the info lines about readiness.
  const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        if (shouldShow(line)) out.write(tag + line + '\n');
      }
    });
  };
  forward(node.child!.stdout, process.stdout);
  forward(node.child!.stderr, process.stderr);
}

function shouldShow(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string };
    return (
      entry.level === 'warn' ||
      entry.level === 'error' ||
      entry.level === 'fatal' ||
      process.env['GOVDATA_DEMO_VERBOSE'] === '1'
    );
  } catch {
    return line.trim().length > 0;
  }
}

async function waitReady(node: DemoNode): Promise<void> {
  const url = `http://127.0.0.1:${node.config.services.gateway.http}/api/v1/node`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        const body = (await response.json()) as { services: Record<string, string> };
        if (Object.values(body.services).every((s) => s === 'ready')) return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`node ${node.config.node.code} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}
