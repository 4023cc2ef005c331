import { exchangeService } from '@govdata/exchange-feature';
import { federationService } from '@govdata/federation-feature';
import type { NodeConfigInput } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { freePort, waitFor, type DeepPartial } from '@govdata/platform-testing';
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
  const exchange = await startService(exchangeService, node.config);
  const federation = await startService(federationService, node.config);
  await waitFor(
    async () => (await exchange.readiness.evaluate()).ready && (await federation.readiness.evaluate()).ready,
    60_000,
    `exchange and federation of ${node.config.node.code} ready`,
  );
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
