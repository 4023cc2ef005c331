import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { escapeHtml } from '@govdata/gateway-identity';
import { openPortalDirectory, type NodeConfig } from '@govdata/platform-config';
import { GovdataError, PROBLEM_CONTENT_TYPE, toProblemDetails } from '@govdata/platform-errors';
import { LOGGER, NODE_CONFIG, securityHeaders, servesOverTls } from '@govdata/platform-service';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { PortalFolder } from '../portal/portal-files.js';
import { PORTAL_CONTENT_SECURITY_POLICY } from '../portal/portal-routes.js';
import { ServiceRoutingMiddleware } from '../service-routing.middleware.js';
import { isOpenDataApiPath, isOpenPortalPagePath, openPortalCookie } from './open-portal-routes.js';
import { SITEMAP_MAX_URLS, sitemapXml, type SitemapDataset } from './sitemap.js';

/**
 * 开放门户 — the open-data portal on a port of its own (`services.gateway.openPortal`), the one the
 * internet reaches while the gateway's main port stays on the government network. It serves the
 * built open portal (as the staff portal is served: same files code, same CSP and headers), its
 * sitemap, and relays the open-data service's public addresses without staff credentials: the
 * Authorization header and every cookie but the open portal's own session cookie
 * (`govdata_open_session`) are dropped, so no staff credential acts through this port. Everything
 * else answers 404.
 *
 * A plain Node listener the gateway's Nest application opens when it boots and closes when it
 * shuts down, rather than a second Nest application: the service framework starts one HTTP app per
 * service, and this port needs none of its routes, guards or body parsing.
 */
@Injectable()
export class OpenPortalListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;
  private readonly files: PortalFolder;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly routing: ServiceRoutingMiddleware,
  ) {
    this.files = new PortalFolder(openPortalDirectory(config));
  }

  /** The port it listens on (the configured one, or the one given for port 0); undefined when off. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.services.gateway.openPortal;
    if (port === undefined) return;
    const server = createServer(this.app());
    // Public like the gateway's main port: it is the one address the internet is given.
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(port, '0.0.0.0', () => {
        server.off('error', failed);
        listening();
      });
    });
    this.server = server;
    this.logger.info({ openPortal: port, folder: this.files.root }, 'open-data portal listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((done) => server.close(() => done()));
    server.closeIdleConnections();
    // Requests in flight (a long download) get a few seconds to finish, then their connections go.
    const force = setTimeout(() => server.closeAllConnections(), 5_000).unref();
    await closed;
    clearTimeout(force);
  }

  private app(): Express {
    const app = new ExpressAdapter().getInstance<Express>();
    app.disable('x-powered-by');
    app.use(securityHeaders({ hsts: servesOverTls(this.config), routePolicies: [PORTAL_CONTENT_SECURITY_POLICY] }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (isOpenDataApiPath(req.path)) {
        // No staff token or session cookie acts through the internet's port: only the open portal's
        // own session cookie goes on (the open-data service authenticates its people itself).
        delete req.headers.authorization;
        const cookie = openPortalCookie(req.headers.cookie);
        if (cookie === undefined) delete req.headers.cookie;
        else req.headers.cookie = cookie;
        this.routing.use(req, res, next);
        return;
      }
      // Files only take GET; anything else, like every path of the node not relayed, is not here.
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !isOpenPortalPagePath(req.path)) {
        return this.problem(req, res, GovdataError.notFound('open portal page', req.path));
      }
      if (req.path === '/sitemap.xml')
        return void this.sitemap(req, res).catch((e: unknown) => this.problem(req, res, e));
      if (req.path === '/robots.txt') return this.robots(req, res);
      this.files
        .send(req, res, () => notBuiltPage(this.config.node.name))
        .catch((e: unknown) => this.problem(req, res, e));
    });
    // What the routing middleware passes on (a path it does not route) is not found either.
    app.use((req: Request, res: Response) =>
      this.problem(req, res, GovdataError.notFound('open portal page', req.path)),
    );
    return app;
  }

  /** The open datasets' pages, read from the open-data service page by page. */
  private async sitemap(req: Request, res: Response): Promise<void> {
    const { http, host } = this.config.services['open-data'];
    const base = `http://${host ?? this.config.serviceHost}:${http}/api/v1/open-data/datasets?limit=100`;
    const datasets: SitemapDataset[] = [];
    let after: string | null = null;
    do {
      const answer = await fetch(after ? `${base}&after=${encodeURIComponent(after)}` : base, {
        signal: AbortSignal.timeout(15_000),
      });
      if (!answer.ok) {
        throw GovdataError.badGateway(`开放数据服务未能列出数据集 (the open-data service answered ${answer.status})`);
      }
      const page = (await answer.json()) as { items: SitemapDataset[]; next: string | null };
      datasets.push(...page.items.map(({ id, metadataModified }) => ({ id, metadataModified })));
      after = page.next;
    } while (after && datasets.length < SITEMAP_MAX_URLS);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/xml').send(sitemapXml(this.origin(req), datasets));
  }

  private robots(req: Request, res: Response): void {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/plain').send(`User-agent: *\nAllow: /\nSitemap: ${this.origin(req)}/sitemap.xml\n`);
  }

  /**
   * The portal's public address as the visitor reached it (search engines need absolute URLs):
   * https when the node is reached over TLS, and the Host header when it is a plain host name.
   */
  private origin(req: Request): string {
    const hostHeader = req.headers.host ?? '';
    const hostName = /^[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(hostHeader) ? hostHeader : `127.0.0.1:${this.port}`;
    return `${servesOverTls(this.config) ? 'https' : 'http'}://${hostName}`;
  }

  private problem(req: Request, res: Response, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const problem = toProblemDetails(error, req.originalUrl);
    if (problem.status >= 500) this.logger.error({ err: error, path: req.path }, 'open-data portal: answer failed');
    res.status(problem.status).setHeader('content-type', PROBLEM_CONTENT_TYPE);
    res.end(JSON.stringify(problem));
  }
}

/** The page of an open portal port whose portal was not built (503). */
function notBuiltPage(nodeName: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>开放门户尚未构建 · ${escapeHtml(nodeName)}</title>
</head>
<body>
<main>
<h1>开放门户尚未构建</h1>
<p>${escapeHtml(nodeName)}暂时无法在浏览器中提供开放数据门户。请管理员构建开放门户（<code>npm run build:open-portal</code>）或在节点配置中设置 <code>http.openPortalDir</code>。</p>
</main>
</body>
</html>
`;
}
