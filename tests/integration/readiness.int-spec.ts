import { spawn, type ChildProcess } from 'node:child_process';
import type { RunningService } from '@govdata/platform-service';
import { freePort, waitFor } from '@govdata/platform-testing';
import { probeMonitoring, startProbeNode, type ProbeNode } from './probe-service.js';

/** A private, real redis-server, so stopping it does not disturb anything else on the machine. */
function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
}

describe('readiness follows the dependencies', () => {
  let node: ProbeNode;
  let service: RunningService;
  let redis: ChildProcess;
  let redisPort: number;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = startRedis(redisPort);
    node = await startProbeNode({ redis: { url: `redis://127.0.0.1:${redisPort}` } }, false);
    service = node.service;
  });

  afterAll(async () => {
    redis?.kill('SIGKILL');
    await node?.stop();
  });

  const readyz = async () => {
    const response = await fetch(`${service.httpUrl}/readyz`, probeMonitoring);
    return {
      status: response.status,
      body: (await response.json()) as { status: string; checks: Array<{ name: string; ok: boolean }> },
    };
  };

  it('turns not ready when Redis stops and ready again when it is back', async () => {
    await waitFor(async () => (await readyz()).status === 200, 60_000, 'ready');
    expect((await fetch(`${service.httpUrl}/healthz`)).status).toBe(200);

    redis.kill('SIGTERM');
    const down = await waitFor(
      async () => {
        const r = await readyz();
        return r.status === 503 ? r : undefined;
      },
      20_000,
      'not ready',
    );
    expect(down.body.status).toBe('not-ready');
    expect(down.body.checks.find((c) => c.name === 'redis')?.ok).toBe(false);
    expect(down.body.checks.find((c) => c.name === 'postgres')?.ok).toBe(true);
    // Liveness is not readiness: the process is alive and says so.
    expect((await fetch(`${service.httpUrl}/healthz`)).status).toBe(200);

    redis = startRedis(redisPort);
    const up = await waitFor(
      async () => {
        const r = await readyz();
        return r.status === 200 ? r : undefined;
      },
      30_000,
      'ready again',
    );
    expect(up.body.checks.every((c) => c.ok)).toBe(true);
  });

  it('serves Prometheus metrics labelled with node and service', async () => {
    const text = await (await fetch(`${service.httpUrl}/metrics`, probeMonitoring)).text();
    expect(text).toMatch(/govdata_ready\{node="100000",service="analytics"\} 1/);
    expect(text).toContain('govdata_http_request_duration_seconds_bucket');
  });

  it('answers an unknown route with problem+json, not an HTML page', async () => {
    const response = await fetch(`${service.httpUrl}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });
});
