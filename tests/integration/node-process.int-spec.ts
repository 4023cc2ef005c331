import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropTestNode, startNodeProcess, testNodeConfig } from '@govdata/platform-testing';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the built `govdata` CLI as an operator would. */
function govdata(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', join(root, 'tools/register.mjs'), join(root, 'dist/apps/cli/src/main.js'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, GOVDATA__LOG__LEVEL: 'warn' },
    },
  );
}

describe('a bad node.yaml', () => {
  it('stops `govdata node start` at once with a message naming the key, the value and the expectation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govdata-config-'));
    const file = join(dir, 'node.yaml');
    writeFileSync(
      file,
      [
        'node:',
        '  code: "360000"',
        '  name: 江西省',
        '  level: provincal',
        '  parent: null',
        '  dataDir: /tmp/x',
        'postgres:',
        '  adminUrl: mysql://x',
        '  database: govdata',
      ].join('\n'),
    );
    const result = govdata('node', 'start', '--config', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`invalid configuration in ${file}`);
    expect(result.stderr).toContain(
      'node.level = "provincal": expected one of "national", "provincial", "municipal", "ministry"',
    );
    expect(result.stderr).toContain(
      'postgres.adminUrl = "mysql://x": expected a URL starting with postgres:// or postgresql://',
    );
    expect(result.stderr).toContain('redis = <missing>');
  });

  it('says which file cannot be read', () => {
    const result = govdata('node', 'start', '--config', '/nonexistent/node.yaml');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('(file) = /nonexistent/node.yaml: expected a readable YAML file (ENOENT)');
  });
});

describe('govdata node start', () => {
  it('runs every service of a node in one process, reports them ready, and stops cleanly on SIGTERM', async () => {
    const config = await testNodeConfig({ log: { level: 'info' } });
    const node = startNodeProcess(config);
    const { child, exited } = node;
    try {
      const gateway = node.gatewayUrl;
      const status = await node.ready();
      expect(status).toMatchObject({ code: '100000', level: 'national', parent: null });
      expect(Object.keys(status.services)).toHaveLength(8);
      // Every line is JSON carrying the node code and the service.
      const lines = node
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'));
      expect(lines.length).toBeGreaterThan(8);
      const services = new Set(lines.map((l) => (JSON.parse(l) as { node: string; service: string }).service));
      expect([...services]).toEqual(expect.arrayContaining(['gateway', 'catalog', 'federation']));

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(node.output()).toContain('shut down cleanly');
      await expect(fetch(`${gateway}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      await dropTestNode(config);
    }
  });
});
