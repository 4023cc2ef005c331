import type { Provider } from '@nestjs/common';
import { NodePkiStore } from '@govdata/federation-pki';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';

/** This node's key store (`<node.dataDir>/pki`), the CA that signs its children. */
export const nodePkiStoreProvider: Provider = {
  provide: NodePkiStore,
  useFactory: (config: NodeConfig) => new NodePkiStore(config.node.dataDir),
  inject: [NODE_CONFIG],
};
