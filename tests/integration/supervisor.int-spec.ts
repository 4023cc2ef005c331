import { Supervisor } from '@govdata/node-runtime';
import { freePort, waitFor } from '@govdata/platform-testing';

/** A small server standing in for a node: answers its pid on `port` until signalled. */
const SERVER = `
  const http = require('node:http');
  http.createServer((req, res) => res.end(String(process.pid))).listen(Number(process.argv[1]), '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
`;

async function pidAt(port: number): Promise<number | undefined> {
  try {
    return Number(await (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) })).text());
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the demo launcher supervises its nodes', () => {
  it('restarts a node killed with SIGKILL after a backoff, keeps the others serving, and stops all only when asked', async () => {
    const lines: string[] = [];
    // Backoffs long enough to observe: 1.5 s, then 3 s while the process keeps dying young.
    const supervisor = new Supervisor((line) => lines.push(line), {
      initialMs: 1_500,
      maxMs: 10_000,
      resetAfterMs: 60_000,
    });
    const ports = { a: await freePort(), b: await freePort(), c: await freePort() };
    for (const [name, port] of Object.entries(ports))
      supervisor.start({ name, command: process.execPath, args: ['-e', SERVER, String(port)] });
    try {
      await waitFor(
        async () => (await Promise.all(Object.values(ports).map(pidAt))).every((p) => p !== undefined),
        30_000,
        'three servers answering',
      );
      const before = { a: (await pidAt(ports.a))!, b: (await pidAt(ports.b))!, c: (await pidAt(ports.c))! };
      expect(supervisor.pid('b')).toBe(before.b);

      process.kill(before.b, 'SIGKILL');
      await waitFor(async () => lines.some((l) => l.includes('restarting in')), 10_000, 'the exit said');
      expect(lines).toContainEqual(
        `b (pid ${before.b}) exited (SIGKILL); restarting in 1.5 s (restart 1 in a row); the others keep running`,
      );
      // Down during the backoff, the others answering with their same processes.
      expect(await pidAt(ports.b)).toBeUndefined();
      expect(await pidAt(ports.a)).toBe(before.a);
      expect(await pidAt(ports.c)).toBe(before.c);

      const restarted = await waitFor(async () => pidAt(ports.b), 20_000, 'b restarted');
      expect(restarted).not.toBe(before.b);
      expect(supervisor.starts('b')).toBe(2);
      expect(lines).toContainEqual(`b restarted (pid ${restarted})`);

      // Dying again soon after: the backoff doubles.
      process.kill(restarted, 'SIGKILL');
      await waitFor(async () => lines.some((l) => l.includes('restart 2 in a row')), 10_000, 'second exit said');
      expect(lines).toContainEqual(
        `b (pid ${restarted}) exited (SIGKILL); restarting in 3 s (restart 2 in a row); the others keep running`,
      );
      const third = await waitFor(async () => pidAt(ports.b), 20_000, 'b restarted again');
      expect(supervisor.starts('b')).toBe(3);
      expect(supervisor.starts('a')).toBe(1);
      expect(supervisor.starts('c')).toBe(1);

      // Ctrl-C: every process is stopped and none is restarted.
      await supervisor.stopAll('SIGTERM');
      for (const pid of [before.a, before.c, third]) expect(alive(pid)).toBe(false);
      expect(lines.filter((l) => l.includes('stopped cleanly'))).toHaveLength(3);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await Promise.all(Object.values(ports).map(pidAt))).toEqual([undefined, undefined, undefined]);
    } finally {
      await supervisor.stopAll('SIGKILL');
    }
  });

  it('leaves a process down when its restart policy says so (a node that never came up)', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor((line) => lines.push(line), {
      initialMs: 100,
      maxMs: 100,
      resetAfterMs: 60_000,
    });
    supervisor.start({
      name: 'broken',
      command: process.execPath,
      args: ['-e', 'process.exit(3)'],
      restart: () => false,
    });
    await waitFor(async () => lines.length > 0, 10_000, 'exit said');
    await new Promise((r) => setTimeout(r, 500));
    expect(lines).toEqual([expect.stringMatching(/^broken \(pid \d+\) exited \(exit 3\)$/)]);
    expect(supervisor.starts('broken')).toBe(1);
    await supervisor.stopAll();
  });
});
