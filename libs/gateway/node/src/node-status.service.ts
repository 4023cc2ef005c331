import { Inject, Injectable } from '@nestjs/common';
import { grpcTarget, SERVICE_NAMES, type NodeConfig, type ServiceName } from '@govdata/platform-config';
import { checkGrpcHealth } from '@govdata/platform-grpc';
import { READINESS, type Readiness } from '@govdata/platform-observability';
import { NODE_CONFIG } from '@govdata/platform-service';

export type ServiceState = 'ready' | 'starting' | 'down';

export interface NodeStatus {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  services: Record<ServiceName, ServiceState>;
}

/** What the node runs and how each service is, asked of each service over grpc.health.v1. */
@Injectable()
export class NodeStatusService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(READINESS) private readonly readiness: Readiness,
  ) {}

  async status(): Promise<NodeStatus> {
    const states = await Promise.all(
      SERVICE_NAMES.map(async (service) => [service, await this.stateOf(service)] as const),
    );
    return {
      code: this.config.node.code,
      name: this.config.node.name,
      level: this.config.node.level,
      parent: this.config.node.parent?.code ?? null,
      services: Object.fromEntries(states) as Record<ServiceName, ServiceState>,
    };
  }

  private async stateOf(service: ServiceName): Promise<ServiceState> {
    if (service === 'gateway') return (await this.readiness.evaluate()).ready ? 'ready' : 'starting';
    const state = await checkGrpcHealth(grpcTarget(this.config, service), '', 1_000);
    if (state === 'SERVING') return 'ready';
    return state === 'UNREACHABLE' ? 'down' : 'starting';
  }
}
