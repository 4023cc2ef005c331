import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dropTestNode, freePort, startNodeProcess, testNodeConfig, waitFor } from '@govdata/platform-testing';

/** Resident memory of a process in MiB (Linux /proc). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function timeUntil(child: ChildProcess, ready: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  await waitFor(
    async () => (child.exitCode === null ? ready() : Promise.reject(new Error('exited'))),
    120_000,
    'ready',
  );
  return (performance.now() - start) / 1000;
}

/**
 * One all-in-one node (eight services in one process): seconds from spawn to every service ready,
 * and resident memory after 15 s idle — beside a bare Node.js HTTP server started the same way.
 */
describe('bench: one node process, start time and idle memory', () => {
  it('measures', async () => {
    const port = await freePort();
    const bare = spawn(process.execPath, [
      '-e',
      `require('node:http').createServer((q, s) => s.end('ok')).listen(${port})`,
    ]);
    const bareSeconds = await timeUntil(bare, async () => (await fetch(`http://127.0.0.1:${port}`)).ok);
    await new Promise((r) => setTimeout(r, 15_000));
    const bareRss = rssMiB(bare.pid!);
    bare.kill();

    const config = await testNodeConfig();
    const started = performance.now();
    const { child: node, ready } = startNodeProcess(config);
    try {
      await ready();
      const nodeSeconds = (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 15_000));
      const nodeRss = rssMiB(node.pid!);
      const result = {
        bench: 'node-footprint',
        services: 8,
        nodeReadySeconds: Number(nodeSeconds.toFixed(2)),
        baselineBareHttpReadySeconds: Number(bareSeconds.toFixed(2)),
        nodeIdleRssMiB: Math.round(nodeRss),
        baselineBareIdleRssMiB: Math.round(bareRss),
        ratioRss: Number((nodeRss / bareRss).toFixed(1)),
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
      expect(result.services).toBe(8);
    } finally {
      node.kill('SIGTERM');
      await new Promise((r) => node.once('exit', r));
      await dropTestNode(config);
    }
  });
});
