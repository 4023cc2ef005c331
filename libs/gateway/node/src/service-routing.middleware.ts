import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { SERVICE_NAMES, type NodeConfig, type ServiceName } from '@govdata/platform-config';
import { GovdataError, PROBLEM_CONTENT_TYPE, toProblemDetails } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Services reached through the gateway at `/api/v1/<service>/…` (the gateway's own routes excluded). */
const ROUTED: readonly ServiceName[] = SERVICE_NAMES.filter((s) => s !== 'gateway');

/**
 * The node's one public entry: `/api/v1/<service>/…` goes to that service's HTTP port unchanged,
 * Authorization header included — each service verifies the token itself.
 */
@Injectable()
export class ServiceRoutingMiddleware implements NestMiddleware {
  private readonly proxies = new Map<string, RequestHandler>();

  constructor(@Inject(NODE_CONFIG) config: NodeConfig) {
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
            // Nest has already parsed JSON bodies; write them to the upstream request again.
            proxyReq: fixRequestBody,
            error: (_error, req, res) => unreachable(service, req as Request, res),
          },
        }) as RequestHandler,
      );
    }
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const service = /^\/api\/v1\/([a-z-]+)(?:\/|$)/.exec(req.originalUrl)?.[1];
    const proxy = service ? this.proxies.get(service) : undefined;
    if (!proxy) return next();
    // Express strips the mount path from req.url; the upstream serves the full path.
    req.url = req.originalUrl;
    void proxy(req, res, next);
  }
}

function unreachable(service: string, req: Request, res: ServerResponse | Socket): void {
  if (!('writeHead' in res) || res.headersSent) {
    res.destroy();
    return;
  }
  const problem = toProblemDetails(
    GovdataError.unavailable(`the ${service} service of this node cannot be reached`),
    req.originalUrl,
  );
  res.writeHead(problem.status, { 'content-type': PROBLEM_CONTENT_TYPE });
  res.end(JSON.stringify(problem));
}
