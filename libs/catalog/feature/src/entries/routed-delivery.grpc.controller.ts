import { Controller, Inject } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { federationRoutingV1 } from '@govdata/contracts';
import { AllowedCallers } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { decodeEntryLookup, ENTRY_LOOKUP_METHOD } from './entry-lookup.js';
import { EntryLookupService } from './entry-lookup.service.js';

/**
 * govdata.federation.v1.RoutedDeliveryService — what other nodes ask of this node's catalog, handed
 * over by this node's federation service: `catalog.get-entry`, one published entry by its code.
 */
@Controller()
@AllowedCallers({ services: ['federation'] })
@federationRoutingV1.RoutedDeliveryServiceControllerMethods()
export class CatalogRoutedDeliveryGrpcController implements federationRoutingV1.RoutedDeliveryServiceController {
  constructor(
    private readonly lookups: EntryLookupService,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(request: federationRoutingV1.DeliverRequest): Promise<federationRoutingV1.DeliverResponse> {
    const routed = request.call;
    const path = routed?.path ?? [];
    const reply = (code: status, message: string, payload = Buffer.alloc(0)) => ({
      reply: { code, message, payload, path },
    });
    if (!routed || routed.method !== ENTRY_LOOKUP_METHOD) {
      return reply(status.UNIMPLEMENTED, `the catalog takes ${ENTRY_LOOKUP_METHOD} from other nodes`);
    }
    if (routed.destination !== this.config.node.code) {
      return reply(status.FAILED_PRECONDITION, `this is node ${this.config.node.code}, not ${routed.destination}`);
    }
    try {
      const { code } = decodeEntryLookup(Buffer.from(routed.payload));
      const record = await this.lookups.lookup(this.dataSource.manager, code);
      return reply(status.OK, '', Buffer.from(JSON.stringify(record)));
    } catch (error) {
      if (!(error instanceof GovdataError)) throw error;
      if (error.code === ErrorCode.NotFound) return reply(status.NOT_FOUND, error.message);
      if (error.code === ErrorCode.ValidationFailed) return reply(status.INVALID_ARGUMENT, error.message);
      this.logger.warn({ origin: routed.origin, err: error.message }, 'entry lookup failed');
      return reply(status.INTERNAL, error.message);
    }
  }
}
