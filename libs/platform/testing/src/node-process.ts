import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { NodeConfig } from '@govdata/platform-config';
import { waitFor } from './wait-for.js';

/** The repository root (where dist/ and tools/ are). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface NodeStatusBody {
  code: string;
  level: string;
  parent: string | null;
  services: Record<string, string>;
}

export interface NodeProcess {
  child: ChildProcess;
  gatewayUrl: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with GET /api/v1/node once every service says ready. */
  ready(timeoutMs?: number): Promise<NodeStatusBody>;
  exited: Promise<number | null>;
}

/** Runs the built `govdata node start` for a config, as an operator would. */
export function startNodeProcess(config: NodeConfig): NodeProcess {
  const file = join(mkdtempSync(join(tmpdir(), 'govdata-node-')), 'node.yaml');
  writeFileSync(file, stringify(config));
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(REPO_ROOT, 'tools/register.mjs'),
      join(REPO_ROOT, 'dist/apps/cli/src/main.js'),
      'node',
      'start',
      '--config',
      file,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const gatewayUrl = `http://127.0.0.1:${config.services.gateway.http}`;
  return {
    child,
    gatewayUrl,
    output: () => output,
    exited,
    ready: (timeoutMs = 120_000) => {
      // A node that dies while starting fails at once, not after the whole timeout.
      const died = exited.then((code) => {
        throw new Error(`the node exited with ${code}:\n${output.slice(-2_000)}`);
      });
      const ready = waitFor(
        async () => {
          if (child.exitCode !== null) return undefined;
          const body = (await (await fetch(`${gatewayUrl}/api/v1/node`)).json()) as NodeStatusBody;
          return Object.values(body.services).every((s) => s === 'ready') ? body : undefined;
        },
        timeoutMs,
        'every service of the node ready',
      );
      return Promise.race([ready, died]);
    },
  };
}
