import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { ROUTING_V1, type federationRoutingV1 } from '@govdata/contracts';
import { SERVICE_TOKENS, type ServiceTokens } from '@govdata/platform-auth';
import { grpcTarget, type NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { createGrpcClient } from '@govdata/platform-grpc';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { RowsPage } from './table-reader.js';
import { decodeFileAnswer, encodeFileRequest, ORIGIN_FILE_METHOD, type OriginFileRequest } from './origin-file.wire.js';
import { decodeRowsAnswer, encodeRowsRequest, ORIGIN_ROWS_METHOD, type OriginRowsRequest } from './origin-rows.wire.js';

/** How long a reader waits for the origin node (its own statement timeout is shorter). */
const ORIGIN_TIMEOUT_MS = 20_000;
const ORIGIN_RETRY_SECONDS = 30;

/**
 * A replica's data, read at the dataset's origin node: the call goes through this node's federation
 * service (RoutingService.Call, down the links) to the origin's open-data service, which answers from
 * its own source with its own masking and page limit — a page of rows, or a range of the file of its
 * last update. This node keeps no copy of rows or files.
 */
@Injectable()
export class OriginClient implements OnModuleDestroy {
  private client: ReturnType<typeof createGrpcClient> | undefined;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(SERVICE_TOKENS) private readonly serviceTokens: ServiceTokens,
  ) {}

  onModuleDestroy(): void {
    this.client?.close();
  }

  async page(origin: string, request: OriginRowsRequest): Promise<RowsPage & { fields: string[] }> {
    return decodeRowsAnswer(await this.call(origin, ORIGIN_ROWS_METHOD, encodeRowsRequest(request)));
  }

  /** Bytes of the origin's file, exactly as stored there. */
  async fileRange(origin: string, request: OriginFileRequest): Promise<Buffer> {
    return decodeFileAnswer(await this.call(origin, ORIGIN_FILE_METHOD, encodeFileRequest(request)));
  }

  private async call(origin: string, method: string, payload: Buffer): Promise<Buffer> {
    this.client ??= createGrpcClient(ROUTING_V1, grpcTarget(this.config, 'federation'), {
      deadlineMs: ORIGIN_TIMEOUT_MS + 1_000,
      credentials: this.serviceTokens.credentialsFor('federation'),
    });
    let reply: federationRoutingV1.RoutedReply | undefined;
    try {
      const response = await this.client.call<federationRoutingV1.CallResponse>('Call', {
        call: {
          callId: randomUUID(),
          origin: '',
          destination: origin,
          service: 'open-data',
          method,
          payload,
          deadlineMs: Date.now() + ORIGIN_TIMEOUT_MS,
          path: [],
        },
      });
      reply = response.reply;
    } catch {
      throw unreachable(origin, 'this node’s federation service is unavailable');
    }
    if (!reply) throw unreachable(origin, 'no answer');
    if (reply.code === status.OK) return Buffer.from(reply.payload);
    if (reply.code === status.DEADLINE_EXCEEDED) {
      throw GovdataError.gatewayTimeout(`来源节点 ${origin} 未及时响应 (origin node ${origin} did not answer in time)`);
    }
    if (reply.code === status.UNAVAILABLE) throw unreachable(origin, reply.message);
    throw GovdataError.badGateway(
      `来源节点 ${origin} 拒绝了请求 (origin node ${origin} refused the request: ${reply.message})`,
    );
  }
}

function unreachable(origin: string, why: string): GovdataError {
  return GovdataError.unavailable(
    `暂时无法连接来源节点 ${origin} (origin node ${origin} cannot be reached: ${why})`,
    ORIGIN_RETRY_SECONDS,
  );
}
