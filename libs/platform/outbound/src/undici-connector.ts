import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import type { OutboundPolicy } from './outbound-policy.js';

/**
 * An undici `connect` that asks the outbound policy first and connects to the address it checked
 * (the Host header and the TLS server name stay the URL's host).
 */
export function outboundConnector(
  policy: OutboundPolicy,
  options: buildConnector.BuildOptions = {},
): buildConnector.connector {
  const connect = buildConnector(options);
  return (target, callback) => {
    const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
    const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
    policy.resolve(hostname, port).then(
      ([address]) =>
        connect(
          {
            ...target,
            hostname: address!,
            ...(target.protocol === 'https:' && !target.servername && !isIP(hostname) ? { servername: hostname } : {}),
          },
          callback,
        ),
      (error: Error) => callback(error, null),
    );
  };
}
