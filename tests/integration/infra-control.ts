import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const INFRA = fileURLToPath(new URL('../../deploy/local/infra.sh', import.meta.url));

/** Stops or starts the local Kafka broker (real outage, real recovery). */
export function kafka(action: 'stop' | 'start'): void {
  execFileSync('bash', [INFRA, `kafka-${action}`], { stdio: 'inherit' });
}
