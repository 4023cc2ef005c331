import type { NodeConfig } from '@govdata/platform-config';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** CSP directives as helmet takes them: directive name → sources. */
export type CspDirectives = Record<string, readonly string[]>;

/**
 * A Content-Security-Policy for the pages a service serves itself (Swagger UI today, the portal
 * later): the first entry whose `appliesTo` accepts the request path replaces the API policy.
 */
export interface RouteContentSecurityPolicy {
  /** Receives the path without the query string, e.g. `/api/docs/swagger-ui-init.js`. */
  appliesTo(path: string): boolean;
  directives: CspDirectives;
}

/** JSON answers run nothing and may be framed by nobody. */
export const API_CONTENT_SECURITY_POLICY: CspDirectives = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI as @nestjs/swagger serves it: its scripts and stylesheet from `/api/docs/`, inline
 * `<style>` blocks, data: icons, and the OpenAPI documents fetched from the same origin.
 */
export const API_DOCS_CONTENT_SECURITY_POLICY: RouteContentSecurityPolicy = {
  appliesTo: (path) => path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/api/docs-'),
  directives: {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  },
};

export interface SecurityHeadersOptions {
  /** Send Strict-Transport-Security: the node is reached over TLS (see {@link servesOverTls}). */
  hsts: boolean;
  /** Route-specific CSPs, first match wins; every other response gets {@link API_CONTENT_SECURITY_POLICY}. */
  routePolicies?: readonly RouteContentSecurityPolicy[];
}

/**
 * A node is reached over TLS when its public URL (the token issuer, which is the gateway's public
 * address) is https: TLS ends at the ingress or load balancer in front of the gateway, so the
 * request itself arrives as plain HTTP and its scheme proves nothing. Every service of the node
 * answers alike, so a response proxied through the gateway carries the same headers.
 */
export function servesOverTls(config: NodeConfig): boolean {
  return new URL(config.identity.issuer).protocol === 'https:';
}

/**
 * The security headers of every HTTP response of every service (helmet, configured here only):
 * nosniff, X-Frame-Options DENY with CSP frame-ancestors 'none', Referrer-Policy no-referrer,
 * COOP/CORP same-origin, HSTS over TLS, and no X-Powered-By. Mount it before anything else, so
 * error answers (bad JSON, 404, 5xx) carry the headers too.
 */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  const withPolicy = (directives: CspDirectives) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
      xPoweredBy: true,
    });
  const api = withPolicy(API_CONTENT_SECURITY_POLICY);
  const routes = (options.routePolicies ?? []).map((route) => ({
    appliesTo: route.appliesTo,
    handler: withPolicy(route.directives),
  }));
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.originalUrl.split('?', 1)[0]!;
    const handler = routes.find((route) => route.appliesTo(path))?.handler ?? api;
    handler(req, res, next);
  };
}
