import { exchangeService } from '@govdata/exchange-feature';
import { federationService } from '@govdata/federation-feature';
import type { NodeConfigInput } from '@govdata/platform-config';
import type { RunningService } from '@govdata/platform-service';
import { freePort, startTestNode, type DeepPartial } from '@govdata/platform-testing';
import { startDemandNode, type DemandNode } from '../demand/demand-harness.js';

/** A node running every service a cross-node flow needs: gateway, catalog, demand, exchange and federation. */
export interface FullNode {
  node: DemandNode;
  exchange: RunningService;
  federation: RunningService | null;
  stopFederation(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a full node in this process; its federation link takes a free port unless one is given. */
export async function startFullNode(overrides: DeepPartial<NodeConfigInput> = {}): Promise<FullNode> {
  const link = overrides.services?.federation?.link ?? (await freePort());
  const node = await startDemandNode({
    ...overrides,
    services: { ...overrides.services, federation: { ...overrides.services?.federation, link } },
  });
  const [exchange, federation] = (
    await startTestNode({
      services: [exchangeService, federationService],
      config: node.config,
      label: `exchange and federation of ${node.config.node.code} ready`,
    })
  ).services as [RunningService, RunningService];
  const full: FullNode = {
    node,
    exchange,
    federation,
    async stopFederation() {
      await full.federation?.close();
      full.federation = null;
    },
    async close() {
      await full.federation?.close();
      await exchange.close();
      await node.close();
    },
  };
  return full;
}

/** A service account of `organisationId` with api-consumer, and its client-credentials token. */
export async function serviceAccount(node: DemandNode, organisationId: string): Promise<string> {
  const admin = await node.token(organisationId, ['data-admin'], 'data-admin');
  const created = await node.api('POST', '/api/v1/service-accounts', {
    token: admin,
    body: { organisationId, name: '低保审批系统前置机', roles: ['api-consumer'] },
  });
  if (created.status !== 201) throw new Error(`service account: ${JSON.stringify(created.body)}`);
  const token = await node.api('POST', '/api/v1/auth/token', {
    body: {
      grant_type: 'client_credentials',
      client_id: created.body.client_id,
      client_secret: created.body.client_secret,
    },
  });
  if (token.status !== 200) throw new Error(`client credentials: ${JSON.stringify(token.body)}`);
  return token.body.access_token as string;
}
