import { ServiceTokenKey, ServiceTokens } from '@govdata/platform-auth';
import type { NodeConfig, ServiceName } from '@govdata/platform-config';

/**
 * Credentials of one of the node's services, as a test acting for it presents them: the service
 * tokens of `service`, signed with the node's own key (read from `node.dataDir` like the services do).
 * Pass `credentials: tokens.credentialsFor('<called service>')` to createGrpcClient.
 */
export async function internalCaller(config: NodeConfig, service: ServiceName): Promise<ServiceTokens> {
  return new ServiceTokens(await ServiceTokenKey.loadOrCreate(config.node.dataDir), config.node.code, service);
}
