import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadNodeConfig, type NodeConfig } from '@govdata/platform-config';
import { enrolDemoFederation } from './demo-enrolment.js';
import { DEMO_PROVIDER_PORT, startDemoProvider } from './demo-provider.js';
import { repoRoot } from './repo-root.js';

interface DemoNode {
  config: NodeConfig;
  file: string;
  child?: ChildProcess;
}

const READY_TIMEOUT_MS = 300_000;

/**
 * The demo federation: every `deploy/demo/node-*.yaml` as its own `govdata node start` process,
 * parents first. Prints the gateways once every node answers ready; Ctrl-C stops them all.
 */
export async function runDemo(options: { only?: string[] }): Promise<void> {
  const root = repoRoot();
  const folder = join(root, 'deploy/demo');
  const found: DemoNode[] = readdirSync(folder)
    .filter((f) => /^node-.+\.yaml$/.test(f))
    .map((f) => ({ file: join(folder, f), config: loadNodeConfig(join(folder, f)) }))
    .filter((n) => !options.only || options.only.includes(n.config.node.code));
  const byCode = new Map(found.map((n) => [n.config.node.code, n.config]));
  // Parents first, so a child's parent is already starting when the child comes up.
  const nodes = found.sort((a, b) => depth(a.config, byCode) - depth(b.config, byCode));

  const started = Date.now();
  let stopping = false;
  const stopAll = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n[demo] stopping ${nodes.length} nodes…\n`);
    await Promise.all(nodes.map((n) => stopChild(n.child, signal)));
    process.stdout.write('[demo] all nodes stopped\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll('SIGTERM'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));

  for (const node of nodes) {
    node.child = spawn(
      process.execPath,
      [
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
      // GOVDATA_DEMO=1: each gateway seeds the demo organisations and accounts.
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GOVDATA_DEMO: '1' }, detached: true },
    );
    prefixOutput(node);
    node.child.on('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(
          `[demo] node ${node.config.node.code} exited (${signal ?? code}); stopping the federation\n`,
        );
        void stopAll('SIGTERM');
      }
    });
  }

  await Promise.all(nodes.map((n) => waitReady(n)));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`\n[demo] ${nodes.length} nodes ready in ${seconds} s\n`);
  for (const n of nodes) {
    const c = n.config.node;
    process.stdout.write(
      `[demo]   ${c.code.padEnd(18)} ${c.level.padEnd(10)} http://127.0.0.1:${n.config.services.gateway.http}  ${c.name}${c.parent ? ` (parent ${c.parent.code})` : ''}\n`,
    );
  }
  // The nodes enrol with their parents (as their operators would) so the links carry catalogs upward.
  try {
    for (const line of await enrolDemoFederation(nodes.map((n) => n.config))) process.stdout.write(`[demo] ${line}\n`);
  } catch (error) {
    process.stderr.write(`[demo] enrolment failed, the nodes run unlinked: ${(error as Error).message}\n`);
  }
  // Nanchang's sample provider system, for the exchange walk-through in the README.
  const nanchang = nodes.find((n) => n.config.node.code === '360100');
  if (nanchang) {
    try {
      const provider = await startDemoProvider(nanchang.config);
      process.on('exit', () => provider.close());
      process.stdout.write(
        `[demo] sample provider system (南昌市人口基本信息查詢) on http://127.0.0.1:${DEMO_PROVIDER_PORT}\n`,
      );
    } catch (error) {
      process.stderr.write(`[demo] the sample provider system did not start: ${(error as Error).message}\n`);
    }
  }
  process.stdout.write('[demo] GET /api/v1/node on each gateway shows its services; Ctrl-C stops everything.\n');
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

function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 35_000);
    child.once('exit', (code, exitSignal) => {
      clearTimeout(kill);
      process.stdout.write(
        `[demo] node ${code === 0 ? 'stopped cleanly' : `stopped (${exitSignal ?? `exit ${code}`})`} (pid ${child.pid})\n`,
      );
      resolve();
    });
    child.kill(signal);
  });
}
