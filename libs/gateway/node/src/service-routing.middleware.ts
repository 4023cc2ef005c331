import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { withoutSessionCookie } from '@govdata/gateway-identity';
import { SERVICE_NAMES, type NodeConfig, type ServiceName } from '@govdata/platform-config';
import { GovdataError, PROBLEM_CONTENT_TYPE, toProblemDetails } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG } from '@govdata/platform-service';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';
import type { ClientRequest, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

/** Services reached through the gateway at `/api/v1/<service>/…` (the gateway's own routes excluded). */
const ROUTED: readonly ServiceName[] = SERVICE_NAMES.filter((s) => s !== 'gateway');

/**
 * The node's one public entry: `/api/v1/<service>/…` (and the open-data service's `/api/3/…` and
 * `/catalog.{ttl,jsonld,rdf}`, see `routedService`) goes to that service's HTTP port unchanged,
 * Authorization header included — each service verifies the token itself — except for the portal's
 * session cookie, which stays at the gateway (it has become the Authorization header by then).
 */
@Injectable()
export class ServiceRoutingMiddleware implements NestMiddleware {
  private readonly proxies = new Map<string, RequestHandler>();

  constructor(
    @Inject(NODE_CONFIG) config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    for (const service of ROUTED) {
      const { http, host } = config.services[service];
      this.proxies.set(
        service,
        createProxyMiddleware<Request, Response>({
          target: `http://${host ?? config.serviceHost}:${http}`,
          changeOrigin: false,
          xfwd: true,
          proxyTimeout: 60_000,
          on: {
            proxyReq: (proxyReq, req) => {
              stripSessionCookie(proxyReq);
              // Nest has already parsed JSON bodies; write them to the upstream request again.
              fixRequestBody(proxyReq, req);
            },
            error: (error, req, res) => this.failed(service, error, req as Request, res),
          },
        }) as RequestHandler,
      );
    }
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const service = routedService(req.originalUrl);
    const proxy = service ? this.proxies.get(service) : undefined;
    if (!proxy) return next();
    // Express strips the mount path from req.url; the upstream serves the full path.
    req.url = req.originalUrl;
    void proxy(req, res, next);
  }

  /**
   * Only a service that cannot be reached is a 503. Anything else that fails while relaying (a body
   * that cannot be sent on, a bug of ours) is logged and answered as what it is, never as the
   * service being down — a deep JSON body once made every service look unreachable.
   */
  private failed(service: string, error: Error, req: Request, res: ServerResponse | Socket): void {
    const code = (error as NodeJS.ErrnoException).code;
    // `req.destroyed` is true once a request body has been read, so ask the connection instead.
    if (req.socket.destroyed) {
      // The client went away; there is nobody to answer.
      res.destroy();
      return;
    }
    if (code && UNREACHABLE_CODES.has(code)) {
      answer(
        req,
        res,
        GovdataError.unavailable(
          `无法连接本节点的 ${service} 服务 (the ${service} service of this node cannot be reached)`,
        ),
      );
    } else if (code === 'ECONNRESET') {
      answer(
        req,
        res,
        GovdataError.badGateway(
          `本节点的 ${service} 服务关闭了连接 (the ${service} service of this node closed the connection)`,
        ),
      );
    } else {
      this.logger.error({ err: error, service }, 'relaying a request failed');
      answer(req, res, error);
    }
  }
}

/**
 * The service a path belongs to: `/api/v1/<service>/…`, and the open-data service's standard
 * addresses that harvesters expect at a site's root — CKAN's action API (`/api/3/…`) and the
 * DCAT-AP catalog files (`/catalog.ttl`, `/catalog.jsonld`, `/catalog.rdf`).
 */
export function routedService(originalUrl: string): string | undefined {
  const versioned = /^\/api\/v1\/([a-z-]+)(?:\/|$)/.exec(originalUrl)?.[1];
  if (versioned) return versioned;
  if (/^\/api\/3(?:[/?]|$)/.test(originalUrl)) return 'open-data';
  if (/^\/catalog\.(?:ttl|jsonld|rdf)(?:\?|$)/.test(originalUrl)) return 'open-data';
  return undefined;
}

/** Upstreams never see the session cookie: it would let them act as the person beyond the request. */
function stripSessionCookie(proxyReq: ClientRequest): void {
  const cookie = proxyReq.getHeader('cookie');
  if (typeof cookie !== 'string') return;
  const rest = withoutSessionCookie(cookie);
  if (rest === undefined) proxyReq.removeHeader('cookie');
  else proxyReq.setHeader('cookie', rest);
}

/** Socket errors that mean the service is not there (as opposed to failing while it answers). */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function answer(req: Request, res: ServerResponse | Socket, error: unknown): void {
  if (!('writeHead' in res) || res.headersSent) {
    res.destroy();
    return;
  }
  const problem = toProblemDetails(error, req.originalUrl);
  res.writeHead(problem.status, { 'content-type': PROBLEM_CONTENT_TYPE });
  res.end(JSON.stringify(problem));
}
