import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, asProblem } from '@govdata/web-ui';
import type { paths as CatalogPaths } from './generated/catalog.js';
import type { paths as DemandPaths } from './generated/demand.js';
import type { paths as ExchangePaths } from './generated/exchange.js';
import type { paths as FederationPaths } from './generated/federation.js';
import type { paths as GatewayPaths } from './generated/gateway.js';
import type { paths as OpenDataPaths } from './generated/open-data.js';
import { serviceOfPath } from './service-of-path.js';

/** Every route of the node the portal calls, from the services' generated OpenAPI types. */
export type PortalPaths = GatewayPaths & CatalogPaths & DemandPaths & ExchangePaths & OpenDataPaths & FederationPaths;

/**
 * The header the gateway asks of cookie-authenticated unsafe requests (its CSRF check); sent on
 * every request, so that no call can forget it.
 */
export const PORTAL_REQUEST_HEADER = { 'X-Requested-With': 'govdata-portal' } as const;

export interface PortalApiOptions {
  /** A 401 from any call: the session has ended (idle timeout, sign-out elsewhere). */
  onSignedOut(): void;
  /** The fetch to use (tests); looked up at each call, so a stubbed global is seen. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * The typed client for the node's API, same origin, with the session cookie. An answer that is not
 * 2xx rejects with an {@link ApiError} carrying the problem body and the service that answered.
 */
export function createPortalApi(options: PortalApiOptions) {
  const client = createClient<PortalPaths>({
    baseUrl: '',
    credentials: 'same-origin',
    headers: { ...PORTAL_REQUEST_HEADER, Accept: 'application/json, application/problem+json' },
    fetch: (request) => (options.fetch ?? globalThis.fetch)(request),
  });
  client.use(problemsAsErrors(options));
  return client;
}

export type PortalApi = ReturnType<typeof createPortalApi>;

function problemsAsErrors(options: PortalApiOptions): Middleware {
  return {
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      if (response.status === 401) options.onSignedOut();
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => undefined);
      throw new ApiError(response.status, serviceOfPath(request.url), asProblem(body));
    },
    onError({ request, error }) {
      return ApiError.unreachable(serviceOfPath(request.url), error);
    },
  };
}

/**
 * The body of a successful answer. The services' documents do not describe their response bodies
 * yet, so the caller names the type (from ./types, which mirror the services' view types).
 */
export async function bodyOf<T>(pending: Promise<{ data?: unknown; response: Response }>): Promise<T> {
  const { data } = await pending;
  return data as T;
}

/**
 * Query parameters an operation reads but its OpenAPI document does not list (the controller
 * parses `@Query()` with zod and describes the parameters in prose): passed through untyped, in
 * one visible place, until the service documents them.
 */
export function undocumentedQuery(query: Record<string, string | number>): { query: never } {
  return { query: query as never };
}
