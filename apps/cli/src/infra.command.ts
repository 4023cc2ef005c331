import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repo-root.js';

/** Delegates to deploy/local/infra.sh, which npm scripts and CI use too. */
export function runInfra(action: string): number {
  if (!['up', 'down', 'status'].includes(action)) {
    process.stderr.write(`unknown infra action "${action}": expected up, down or status\n`);
    return 2;
  }
  const result = spawnSync('bash', [join(repoRoot(), 'deploy/local/infra.sh'), action], { stdio: 'inherit' });
  return result.status ?? 1;
}
