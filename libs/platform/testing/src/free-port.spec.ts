import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';

describe('freePort', () => {
  const held: Server[] = [];
  afterEach(async () => {
    await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('picks ports below the range the OS gives outgoing connections, never twice in a row', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_000);
    }
    expect(new Set(ports).size).toBe(3);
  });

  it('passes over a port something already listens on', async () => {
    const first = await freePort();
    // Hold the port the next call would try, then ask again.
    const nextCandidate = first + 1 < 32_000 ? first + 1 : 20_000;
    const server = createServer();
    held.push(server);
    await new Promise<void>((resolve) => server.listen(nextCandidate, '127.0.0.1', resolve));
    const second = await freePort();
    expect(second).not.toBe(nextCandidate);
  });
});
