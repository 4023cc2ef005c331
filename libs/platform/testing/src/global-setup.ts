import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Integration tests run against real PostgreSQL, Redis and Kafka. Unless told the infrastructure is
 * managed elsewhere (GOVDATA_TEST_INFRA=external), bring the local one up (idempotent).
 */
export default function setup(): void {
  if (process.env['GOVDATA_TEST_INFRA'] === 'external') return;
  const script = fileURLToPath(new URL('../../../../deploy/local/infra.sh', import.meta.url));
  execFileSync('bash', [script, 'up'], { stdio: 'inherit' });
}
