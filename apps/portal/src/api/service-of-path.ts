/** The node's services reached at `/api/v1/<service>/…`; every other `/api/v1/…` path is the gateway's own. */
const ROUTED_SERVICES = ['catalog', 'demand', 'exchange', 'governance', 'open-data', 'analytics', 'federation'];

/** Which service of the node a request went to, from its URL or path. */
export function serviceOfPath(url: string): string {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const segment = /^\/api\/v1\/([a-z-]+)(?:[/?]|$)/.exec(path)?.[1];
  return segment && ROUTED_SERVICES.includes(segment) ? segment : 'gateway';
}
