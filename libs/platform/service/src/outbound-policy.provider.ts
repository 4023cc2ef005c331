import type { Provider } from '@nestjs/common';
import { infrastructureEndpoints, type NodeConfig } from '@govdata/platform-config';
import { OutboundPolicy } from '@govdata/platform-outbound';
import { NODE_CONFIG } from './platform.tokens.js';

/** The node's outbound policy (`outbound.allow`), for services that connect where users say. */
export function nodeOutboundPolicy(config: NodeConfig): OutboundPolicy {
  return new OutboundPolicy({ allow: config.outbound.allow, infrastructure: infrastructureEndpoints(config) });
}

/** Listed among the providers of a service that connects to data sources or upstreams. */
export const outboundPolicyProvider: Provider = {
  provide: OutboundPolicy,
  useFactory: nodeOutboundPolicy,
  inject: [NODE_CONFIG],
};
