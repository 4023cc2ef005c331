import { Controller, Inject } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { federationRoutingV1 } from '@govdata/contracts';
import { AllowedCallers } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { isLocalResource, publishedColumns } from '../datasets/dataset.js';
import { PublishedDatasets } from '../datasets/published-datasets.js';
import { decodeRowsRequest, encodeRowsAnswer, ORIGIN_ROWS_METHOD, type OriginRowsAnswer } from './origin-rows.wire.js';
import { TableReader } from './table-reader.js';

/**
 * govdata.federation.v1.RoutedDeliveryService — an ancestor reading the rows of one of this node's
 * open datasets for its public (its replica's rows are served here). Answered as this node's own API
 * answers anybody: only its own open, unconditional datasets, with its masking and page limit.
 * Only this node's federation service hands calls over (its service token).
 */
@Controller()
@AllowedCallers({ services: ['federation'] })
@federationRoutingV1.RoutedDeliveryServiceControllerMethods()
export class RoutedRowsGrpcController implements federationRoutingV1.RoutedDeliveryServiceController {
  constructor(
    private readonly published: PublishedDatasets,
    private readonly reader: TableReader,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(request: federationRoutingV1.DeliverRequest): Promise<federationRoutingV1.DeliverResponse> {
    const routed = request.call;
    const refuse = (code: status, message: string) => ({
      reply: { code, message, payload: Buffer.alloc(0), path: routed?.path ?? [] },
    });
    if (!routed || routed.method !== ORIGIN_ROWS_METHOD) {
      return refuse(status.UNIMPLEMENTED, `the open-data service takes ${ORIGIN_ROWS_METHOD} from other nodes`);
    }
    if (routed.destination !== this.config.node.code) {
      return refuse(status.FAILED_PRECONDITION, `this is node ${this.config.node.code}, not ${routed.destination}`);
    }
    let asked;
    try {
      asked = decodeRowsRequest(Buffer.from(routed.payload));
    } catch {
      return refuse(status.INVALID_ARGUMENT, 'malformed rows request');
    }
    let answer: OriginRowsAnswer;
    try {
      const { resource } = await this.published.servedResource(asked.datasetId, asked.resourceId, null, {
        replicas: false,
      });
      if (!isLocalResource(resource)) throw GovdataError.notFound('open resource', asked.resourceId);
      const page = await this.reader.page(resource, {
        filters: asked.filters,
        sort: asked.sort,
        after: asked.after,
        limit: asked.limit,
      });
      answer = { page: { fields: publishedColumns(resource).map((c) => c.item), ...page } };
    } catch (error) {
      if (!(error instanceof GovdataError)) {
        this.logger.warn({ origin: routed.origin, err: (error as Error).message }, 'open data: routed rows failed');
        return refuse(status.INTERNAL, 'the rows could not be read');
      }
      answer = { problem: { code: error.code, message: error.message, fields: error.fields } };
    }
    return { reply: { code: status.OK, message: '', payload: encodeRowsAnswer(answer), path: routed.path } };
  }
}
