import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
