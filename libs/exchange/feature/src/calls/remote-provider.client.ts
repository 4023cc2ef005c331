import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { ROUTING_V1, type federationRoutingV1 } from '@govdata/contracts';
import { grpcTarget, type NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { createGrpcClient } from '@govdata/platform-grpc';
import { SERVICE_TOKENS, type ServiceTokens } from '@govdata/platform-auth';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { ProviderCall, ProviderCallResult } from './provider-call.js';
import { decodeProviderResult, encodeProviderCall, PROVIDER_CALL_METHOD } from './provider-call.wire.js';
import { CallRefusal, withReason } from './call.exception.js';

/** How long a consumer waits for a provider on another node (upstream timeouts are shorter). */
const REMOTE_CALL_TIMEOUT_MS = 30_000;
/** Seconds a consumer is told to wait when the provider's node cannot be reached. */
const PROVIDER_UNREACHABLE_RETRY_SECONDS = 30;

/**
 * 跨节点调用 — a call whose grant is enforced by another node's exchange, carried there by this node's
 * federation service (up the links to the common ancestor, then down). Whatever the provider's
 * exchange answered comes back as it is; a node on the way that cannot be reached is a 503
 * `provider-unreachable` at once, a provider too slow a 504.
 */
@Injectable()
export class RemoteProviderClient implements OnModuleDestroy {
  private client: ReturnType<typeof createGrpcClient> | undefined;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(SERVICE_TOKENS) private readonly serviceTokens: ServiceTokens,
  ) {}

  onModuleDestroy(): void {
    this.client?.close();
  }

  async call(providerNode: string, call: ProviderCall): Promise<ProviderCallResult> {
    this.client ??= createGrpcClient(ROUTING_V1, grpcTarget(this.config, 'federation'), {
      deadlineMs: REMOTE_CALL_TIMEOUT_MS + 1_000,
      credentials: this.serviceTokens.credentialsFor('federation'),
    });
    let reply: federationRoutingV1.RoutedReply | undefined;
    try {
      const response = await this.client.call<federationRoutingV1.CallResponse>('Call', {
        call: {
          callId: call.callId,
          origin: '',
          destination: providerNode,
          service: 'exchange',
          method: PROVIDER_CALL_METHOD,
          payload: encodeProviderCall(call),
          deadlineMs: Date.now() + REMOTE_CALL_TIMEOUT_MS,
          path: [],
        },
      });
      reply = response.reply;
    } catch {
      return refused(call, unreachable(providerNode, 'this node’s federation service is unavailable'));
    }
    if (!reply) return refused(call, unreachable(providerNode, 'no answer'));
    if (reply.code === status.OK) return decodeProviderResult(Buffer.from(reply.payload));
    if (reply.code === status.DEADLINE_EXCEEDED) {
      return refused(
        call,
        withReason(
          GovdataError.gatewayTimeout(
            `提供方节点 ${providerNode} 未及时响应 (provider node ${providerNode} did not answer in time)`,
          ),
          CallRefusal.ProviderTimeout,
        ),
      );
    }
    if (reply.code === status.UNAVAILABLE) return refused(call, unreachable(providerNode, reply.message));
    return refused(
      call,
      withReason(
        GovdataError.badGateway(
          `提供方节点 ${providerNode} 拒绝了调用 (provider node ${providerNode} refused the call: ${reply.message})`,
        ),
        CallRefusal.RouteRefused,
      ),
    );
  }
}

function unreachable(providerNode: string, why: string): GovdataError {
  return withReason(
    GovdataError.unavailable(
      `无法连接提供方节点 ${providerNode} 的交换服务 (the exchange of provider node ${providerNode} cannot be reached: ${why})`,
      PROVIDER_UNREACHABLE_RETRY_SECONDS,
    ),
    CallRefusal.ProviderUnreachable,
  );
}

function refused(call: ProviderCall, error: GovdataError): ProviderCallResult {
  return { callId: call.callId, ledgerIndex: null, outcome: 'failed', answered: false, error };
}
