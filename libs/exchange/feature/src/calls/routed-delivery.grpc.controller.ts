import { Controller, Inject } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { federationRoutingV1 } from '@govdata/contracts';
import { AllowedCallers } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { ProviderCallUseCase } from './provider-call.usecase.js';
import { decodeProviderCall, encodeProviderResult, PROVIDER_CALL_METHOD } from './provider-call.wire.js';

/**
 * govdata.federation.v1.RoutedDeliveryService — calls of consumers on other nodes, handed over by
 * this node's federation service. The consumer's node is the call's origin as the federation checked
 * it hop by hop; the calling party must belong to it. Then the same rules as for a local consumer.
 * Only this node's federation service hands calls over (its service token).
 */
@Controller()
@AllowedCallers({ services: ['federation'] })
@federationRoutingV1.RoutedDeliveryServiceControllerMethods()
export class RoutedDeliveryGrpcController implements federationRoutingV1.RoutedDeliveryServiceController {
  constructor(
    private readonly provider: ProviderCallUseCase,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(request: federationRoutingV1.DeliverRequest): Promise<federationRoutingV1.DeliverResponse> {
    const routed = request.call;
    const refuse = (code: status, message: string) => ({
      reply: { code, message, payload: Buffer.alloc(0), path: routed?.path ?? [] },
    });
    if (!routed || routed.method !== PROVIDER_CALL_METHOD) {
      return refuse(status.UNIMPLEMENTED, `the exchange takes ${PROVIDER_CALL_METHOD} from other nodes`);
    }
    if (routed.destination !== this.config.node.code) {
      return refuse(status.FAILED_PRECONDITION, `this is node ${this.config.node.code}, not ${routed.destination}`);
    }
    let call;
    try {
      call = decodeProviderCall(Buffer.from(routed.payload));
    } catch (error) {
      return refuse(status.INVALID_ARGUMENT, error instanceof GovdataError ? error.message : 'malformed provider call');
    }
    if (call.consumer.node !== routed.origin) {
      this.logger.warn({ origin: routed.origin, claimed: call.consumer.node }, 'routed call claims another node');
      return refuse(
        status.PERMISSION_DENIED,
        `a call from node ${routed.origin} cannot speak for node ${call.consumer.node}`,
      );
    }
    const result = await this.provider.execute({ ...call, receivedAt: new Date() });
    return { reply: { code: status.OK, message: '', payload: encodeProviderResult(result), path: routed.path } };
  }
}
