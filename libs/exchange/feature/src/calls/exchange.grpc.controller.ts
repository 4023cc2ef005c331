import type { Metadata } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import { exchangeV1 } from '@govdata/contracts';
import { AllowedCallers, grpcCallerOf } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { ExchangeCallsService } from './exchange-calls.service.js';

/**
 * govdata.exchange.v1.ExchangeService — the same call as the REST route, for consumer systems that
 * speak gRPC. The service account's token comes in the `authorization` metadata.
 */
@Controller()
@AllowedCallers({ users: ['api-consumer'] })
@exchangeV1.ExchangeServiceControllerMethods()
export class ExchangeGrpcController implements exchangeV1.ExchangeServiceController {
  constructor(private readonly calls: ExchangeCallsService) {}

  async call(request: exchangeV1.CallRequest, metadata?: Metadata): Promise<exchangeV1.CallResponse> {
    // The guard verified the consumer's token and its api-consumer role; a service token is no consumer.
    const principal = grpcCallerOf(metadata).user;
    if (!principal)
      throw GovdataError.unauthenticated(
        'authorization 元数据须携带 "Bearer <access token>" (the authorization metadata must carry "Bearer <access token>")',
      );
    const body = request.body && request.body.length > 0 ? Buffer.from(request.body) : null;
    const result = await this.calls.call(principal, {
      grantId: request.grantId,
      method: request.method,
      target: request.path,
      body,
      contentType: body ? request.contentType || 'application/json' : null,
    });
    if (!result.answered) throw result.error;
    return {
      callId: result.callId,
      ledgerIndex: result.ledgerIndex ?? -1,
      status: result.status,
      contentType: result.contentType,
      body: result.body,
    };
  }
}
