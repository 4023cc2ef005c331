import {
  loadPackageDefinition,
  type CallOptions,
  type ChannelCredentials,
  type Client,
  type ClientDuplexStream,
  type ClientReadableStream,
  type Metadata,
  type ServiceDefinition,
  type ServiceError,
} from '@grpc/grpc-js';
import { FEDERATION_LINK_V1, type federationV1 } from '@govdata/contracts';
import { loadProtos } from '@govdata/platform-grpc';

/** Metadata a child sends when it opens its link: its software version (shown in the parent's registry). */
export const SOFTWARE_VERSION_METADATA = 'govdata-software-version';

export const SOFTWARE_VERSION = process.env['GOVDATA_VERSION'] ?? '0.1.0';

/**
 * Node certificates carry no DNS names (the node code is checked instead), so the TLS server name
 * sent is a fixed placeholder rather than whatever host the parent address names.
 */
export const LINK_CHANNEL_OPTIONS = {
  'grpc.ssl_target_name_override': 'node.govdata.invalid',
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
} as const;

export type ReplicateStream = ClientDuplexStream<federationV1.ReplicateRequest, federationV1.ReplicateResponse>;

type Unary<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: CallOptions,
  callback: (error: ServiceError | null, response?: Res) => void,
) => void;

export type StandardsStream = ClientReadableStream<federationV1.StandardsResponse>;

export type TunnelStream = ClientDuplexStream<federationV1.TunnelRequest, federationV1.TunnelResponse>;

export type FederationLinkClient = Client & {
  Replicate(metadata?: unknown): ReplicateStream;
  CompareDigests: Unary<federationV1.CompareDigestsRequest, federationV1.CompareDigestsResponse>;
  Repair: Unary<federationV1.RepairRequest, federationV1.RepairResponse>;
  Renew: Unary<federationV1.RenewRequest, federationV1.RenewResponse>;
  Forward: Unary<federationV1.ForwardRequest, federationV1.ForwardResponse>;
  Tunnel(metadata?: Metadata): TunnelStream;
  Standards(request: federationV1.StandardsRequest, metadata?: Metadata): StandardsStream;
};

/** Calls a unary method of the link with a deadline. */
export function callLink<Req, Res>(
  client: FederationLinkClient,
  method: 'CompareDigests' | 'Repair' | 'Renew' | 'Forward',
  request: Req,
  metadata: Metadata,
  timeoutMs: number,
): Promise<Res> {
  const fn = client[method] as unknown as Unary<Req, Res>;
  return new Promise<Res>((resolve, reject) =>
    fn.call(client, request, metadata, { deadline: Date.now() + timeoutMs }, (error, response) =>
      error ? reject(error) : resolve(response!),
    ),
  );
}

type LinkClientCtor = (new (
  address: string,
  credentials: ChannelCredentials,
  options?: Record<string, string | number>,
) => FederationLinkClient) & { service: ServiceDefinition };

let ctor: LinkClientCtor | undefined;

/** The service definition of the link as @grpc/grpc-js loads it (shared loader options). */
export function linkServiceDefinition(): ServiceDefinition {
  return linkClientCtor().service;
}

/** A client for a parent's `FederationLinkService` (mTLS credentials from `nodeChannelCredentials`). */
export function createLinkClient(address: string, credentials: ChannelCredentials): FederationLinkClient {
  const Ctor = linkClientCtor();
  return new Ctor(address, credentials, LINK_CHANNEL_OPTIONS);
}

function linkClientCtor(): LinkClientCtor {
  if (!ctor) {
    const loaded = loadPackageDefinition(loadProtos([FEDERATION_LINK_V1])) as unknown as {
      govdata: { federation: { v1: { FederationLinkService: LinkClientCtor } } };
    };
    ctor = loaded.govdata.federation.v1.FederationLinkService;
  }
  return ctor;
}
