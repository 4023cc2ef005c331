import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ROUTING_V1, type CatalogEntryEventV1, type federationRoutingV1 } from '@govdata/contracts';
import { grpcTarget, type NodeConfig } from '@govdata/platform-config';
import { createGrpcClient } from '@govdata/platform-grpc';
import { SERVICE_TOKENS, type ServiceTokens } from '@govdata/platform-auth';
import { NODE_CONFIG } from '@govdata/platform-service';
import { encodeEntryLookup, ENTRY_LOOKUP_METHOD, entryCodeNode, lookupAnswer, unreachable } from './entry-lookup.js';

/** How long an applicant waits for another node's catalog (links that are down answer at once). */
const LOOKUP_TIMEOUT_MS = 5_000;

/**
 * Asks the catalog of the node an entry code names for that entry, through this node's federation
 * service (up the links to the common ancestor, then down).
 */
@Injectable()
export class EntryLookupClient implements OnModuleDestroy {
  private client: ReturnType<typeof createGrpcClient> | undefined;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(SERVICE_TOKENS) private readonly serviceTokens: ServiceTokens,
  ) {}

  onModuleDestroy(): void {
    this.client?.close();
  }

  /** The entry's published record; a GovdataError (404, 502, 503, 504) naming `field` when there is none. */
  async fetch(code: string, field: string): Promise<CatalogEntryEventV1> {
    const node = entryCodeNode(code);
    this.client ??= createGrpcClient(ROUTING_V1, grpcTarget(this.config, 'federation'), {
      deadlineMs: LOOKUP_TIMEOUT_MS + 1_000,
      credentials: this.serviceTokens.credentialsFor('federation'),
    });
    let reply: federationRoutingV1.RoutedReply | undefined;
    try {
      const response = await this.client.call<federationRoutingV1.CallResponse>('Call', {
        call: {
          callId: randomUUID(),
          origin: '',
          destination: node,
          service: 'catalog',
          method: ENTRY_LOOKUP_METHOD,
          payload: encodeEntryLookup(code),
          deadlineMs: Date.now() + LOOKUP_TIMEOUT_MS,
          path: [],
        },
      });
      reply = response.reply;
    } catch {
      throw unreachable(node, 'this node’s federation service is unavailable');
    }
    return lookupAnswer(reply, code, field);
  }
}
