import pg from 'pg';
import { startService } from '@govdata/platform-service';
import { TEST_PG_ADMIN_URL, waitFor } from '@govdata/platform-testing';
import { probeService, startProbeNode, type ProbeNode } from './probe-service.js';

describe('a service that cannot start', () => {
  let node: ProbeNode;

  beforeAll(async () => {
    node = await startProbeNode();
  });

  afterAll(() => node?.stop());

  async function connectionsOf(applicationName: string): Promise<number> {
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      return rows[0].n as number;
    } finally {
      await admin.end();
    }
  }

  it('fails with the reason and releases the connections it opened', async () => {
    const name = `govdata-${node.config.node.code}-analytics`;
    const before = await connectionsOf(name);
    // Same ports as the running service: the second copy cannot bind them.
    await expect(startService(probeService, node.config)).rejects.toThrow(/EADDRINUSE/);
    // Pools close asynchronously; the count returns to what the running copy holds.
    await waitFor(async () => (await connectionsOf(name)) <= before, 10_000, 'connections released');
    // The running copy is unaffected.
    expect((await node.service.readiness.evaluate()).ready).toBe(true);
  });
});
