import { createServer } from 'node:net';

/**
 * Ports are picked below the kernel's ephemeral range (32768–60999 on Linux, 49152+ elsewhere).
 * A port the OS hands out for `listen(0)` comes from that range, and so does the local port of
 * every outgoing connection — the tests' PostgreSQL pools and Kafka clients open hundreds — so a
 * port picked that way and bound a moment later by a node could already be the source port of a
 * connection (EADDRINUSE, seen in CI on a gRPC server). Below the range only listeners compete.
 */
const LOWEST = 20_000;
const SPAN = 12_000;

// Each process walks the range from its own starting point, so two test processes on one machine
// rarely try the same ports; the bind check below settles the rest.
let next = (process.pid * 7_919) % SPAN;

/** A TCP port nothing listens on right now, outside the range the OS uses for outgoing connections. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < SPAN; attempt++) {
    const port = LOWEST + next;
    next = (next + 1) % SPAN;
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${LOWEST + SPAN - 1}`);
}

/** Whether a listener on every interface could bind the port now (which also rules out 127.0.0.1). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}
