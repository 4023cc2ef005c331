/* global process, console, fetch, AbortSignal */
// Docker HEALTHCHECK of the govdata image: GET /healthz (liveness) of one service of this
// container's node. The port is read from the node's own config (node.yaml plus GOVDATA__
// overrides, through the same loader the services use), so it cannot drift from what they listen on.
//
//   GOVDATA_CONFIG                 config file (default /etc/govdata/node.yaml)
//   GOVDATA_HEALTHCHECK_SERVICE    which service to ask (default gateway, the node's public entry)
//
// Run as `node --import /app/tools/register.mjs /app/deploy/docker/healthcheck.mjs` (the hook
// resolves @govdata/* to dist/). Exit 0 = healthy, 1 = unhealthy, as Docker expects.
import { loadNodeConfig } from '@govdata/platform-config';

const configPath = process.env.GOVDATA_CONFIG || '/etc/govdata/node.yaml';
const service = process.env.GOVDATA_HEALTHCHECK_SERVICE || 'gateway';

try {
  const config = loadNodeConfig(configPath);
  const ports = config.services[service];
  if (!ports) throw new Error(`GOVDATA_HEALTHCHECK_SERVICE="${service}" is not a service of the node`);
  const url = `http://127.0.0.1:${ports.http}/healthz`;
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  process.exit(0);
} catch (error) {
  console.error(`healthcheck: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
