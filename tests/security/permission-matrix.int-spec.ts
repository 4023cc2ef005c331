import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import {
  IS_PUBLIC_KEY,
  PERMISSION_KEY,
  ROLES,
  isPermission,
  mayAttempt,
  type Permission,
  type Principal,
  type Role,
} from '@govdata/platform-auth';
import { NodeSigningKey } from '@govdata/gateway-identity';
import type { RunningService } from '@govdata/platform-service';
import { callApi, startTestNode } from '@govdata/platform-testing';
import { openDataService } from '@govdata/open-data-feature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullNode, type FullNode } from '../exchange/full-node.js';

/** One HTTP route of one service, with what it declares. */
interface Route {
  service: string;
  method: string;
  path: string;
  permission: Permission | null;
  isPublic: boolean;
}

/** Every HTTP route the service's Nest application declares (event and gRPC handlers have no route). */
function routesOf(service: string, app: INestApplication): Route[] {
  const routes: Route[] = [];
  const seen = new Set<object>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const permission =
          (Reflect.getMetadata(PERMISSION_KEY, handler) as string | undefined) ??
          (Reflect.getMetadata(PERMISSION_KEY, controller) as string | undefined) ??
          null;
        const isPublic =
          Reflect.getMetadata(IS_PUBLIC_KEY, handler) === true ||
          Reflect.getMetadata(IS_PUBLIC_KEY, controller) === true;
        const full = `/${[base, path]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        routes.push({
          service,
          method: RequestMethod[method] === 'ALL' ? 'GET' : RequestMethod[method]!,
          path: full,
          permission: permission && isPermission(permission) ? permission : null,
          isPublic,
        });
      }
    }
  }
  return routes;
}

/** A concrete URL path: parameters get values that name nothing. */
function concrete(path: string): string {
  return path.replace(/\*\w+/g, 'x').replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'code' || name === 'origin') return '999999';
    if (name === 'year') return '2031';
    return randomUUID();
  });
}

type ScopeName = 'department' | 'authority' | 'other-node';

/**
 * Public routes (no staff token) that check a credential of their own and answer 401 without it:
 * the open portal's people, signed in by the open-data service's own session cookie.
 */
const OWN_CREDENTIAL_ROUTES: ReadonlySet<string> = new Set([
  'DELETE /api/v1/open-data/session',
  'GET /api/v1/open-data/me',
  'POST /api/v1/open-data/me/real-name',
  'GET /api/v1/open-data/me/api-keys',
  'POST /api/v1/open-data/me/api-keys',
  'DELETE /api/v1/open-data/me/api-keys/:id',
  'POST /api/v1/open-data/datasets/:id/applications',
  'GET /api/v1/open-data/me/applications',
  'GET /api/v1/open-data/me/applications/:id',
  'POST /api/v1/open-data/me/applications/:id/signature',
  'POST /api/v1/open-data/me/applications/:id/withdrawal',
  'POST /api/v1/open-data/showcases',
  'GET /api/v1/open-data/me/showcases',
  'GET /api/v1/open-data/datasets/:id/rating',
  'PUT /api/v1/open-data/datasets/:id/rating',
  'DELETE /api/v1/open-data/datasets/:id/rating',
  'POST /api/v1/open-data/datasets/:id/comments',
  'GET /api/v1/open-data/me/comments',
  'DELETE /api/v1/open-data/me/comments/:id',
  'POST /api/v1/open-data/demands',
  'GET /api/v1/open-data/me/demands',
  'POST /api/v1/open-data/datasets/:id/error-reports',
  'GET /api/v1/open-data/me/error-reports',
]);

/**
 * 公开路由 — every route reachable without a token, with why. A route marked `@Public()` that is not
 * here fails the test: making a route public is a decision this table records.
 */
const PUBLIC_ROUTES: Readonly<Record<string, string>> = {
  'GET /healthz': 'liveness probe of every service',
  'GET /readyz': 'readiness probe; details only with the monitoring token',
  'GET /metrics': 'Prometheus; answers only with the monitoring token',
  'GET /api/v1/node': 'the node’s name and service states, for the portal header and operators',
  'POST /api/v1/auth/token': 'the OAuth 2.0 token endpoint: how a token is obtained',
  'GET /.well-known/jwks.json': 'the public keys that verify this node’s tokens',
  'GET /.well-known/openid-configuration': 'OpenID discovery',
  'GET /login': 'the portal’s sign-in page',
  'POST /login': 'the portal’s sign-in form: how a session is obtained',
  'POST /logout': 'ends the portal session named by its cookie (the cookie is the credential; CSRF header required)',
  'GET /': 'the portal’s files (no data; the API they call checks every request)',
  'GET /*path': 'the portal’s files and history routes (index.html), as above',
  'GET /api/v1/federation/crl': 'the node’s certificate revocation list, for child nodes',
  'POST /api/v1/federation/enrolments': 'a child node’s enrolment request, authenticated by its enrolment token',
  'GET /api/v1/federation/enrolments/:id': 'a child node fetches its answer with its enrolment token',
  'GET /api/v1/open-data/vocabulary': 'open data: the code lists of the public catalog',
  'GET /api/v1/open-data/statistics': 'open data: the node’s opening figures against the plan’s targets',
  'GET /api/v1/open-data/datasets': 'open data: the public catalog of opened datasets, for anybody (数据开放)',
  'GET /api/v1/open-data/datasets/:id': 'open data: one opened or archived dataset',
  'GET /api/v1/open-data/datasets/:id/resources/:resourceId/rows':
    'open data: rows of a dataset opened without conditions, masked as its opening review decided; of one opened on conditions only under the caller’s own grant (session cookie or API key, checked by the service)',
  'GET /api/v1/open-data/datasets/:id/resources/:resourceId/download':
    'open data: the whole table of a dataset opened without conditions, masked as reviewed; on conditions only under the caller’s grant',
  'POST /api/v1/open-data/accounts':
    'open portal: a member of the public registers (phone or e-mail + password); not staff — the open-data service owns these people',
  'POST /api/v1/open-data/accounts/verification-code':
    'open portal: a new verification code for an account not yet verified (limited per recipient in Redis)',
  'POST /api/v1/open-data/accounts/verify': 'open portal: proves the phone or e-mail with the code sent there',
  'POST /api/v1/open-data/session':
    'open portal: sign-in of a verified member of the public, how the open portal session cookie is obtained',
  'DELETE /api/v1/open-data/session':
    'open portal: sign-out; the open-data service checks its own session cookie and the CSRF header',
  'GET /api/v1/open-data/me': 'open portal: the signed-in person’s own account (the service checks its session cookie)',
  'POST /api/v1/open-data/me/real-name':
    'open portal: 实名认证 of the signed-in person (its session cookie and CSRF header, checked by the service)',
  'GET /api/v1/open-data/me/api-keys': 'open portal: the signed-in person’s API keys (its session cookie)',
  'POST /api/v1/open-data/me/api-keys':
    'open portal: a real-name person creates an API key (its session cookie and CSRF header, checked by the service)',
  'DELETE /api/v1/open-data/me/api-keys/:id':
    'open portal: revokes one of the signed-in person’s API keys (session cookie and CSRF header)',
  'POST /api/v1/open-data/datasets/:id/applications':
    'open portal: a real-name person applies to use data opened on conditions (session cookie and CSRF header, checked by the service)',
  'GET /api/v1/open-data/me/applications': 'open portal: the signed-in person’s own applications (its session cookie)',
  'GET /api/v1/open-data/me/applications/:id':
    'open portal: one of the signed-in person’s applications with its agreement (its session cookie; 404 for another’s)',
  'POST /api/v1/open-data/me/applications/:id/signature':
    'open portal: the applicant signs the agreement offered (session cookie and CSRF header)',
  'POST /api/v1/open-data/me/applications/:id/withdrawal':
    'open portal: the applicant withdraws an application (session cookie and CSRF header)',
  'GET /api/v1/open-data/showcases':
    'open data: 应用成果展示 — showcases the node authority approved, for everybody (the submitter by surname + 某 or company name only)',
  'GET /api/v1/open-data/showcases/:id': 'open data: one approved showcase (404 while in review or refused)',
  'POST /api/v1/open-data/showcases':
    'open portal: a real-name person submits a showcase for review (session cookie and CSRF header, checked by the service)',
  'GET /api/v1/open-data/me/showcases':
    'open portal: the signed-in person’s own showcases in every state, with the refusal’s reason (its session cookie)',
  'GET /api/v1/open-data/datasets/:id/rating':
    'open portal: the signed-in person’s own score of a dataset (its session cookie)',
  'PUT /api/v1/open-data/datasets/:id/rating':
    'open portal: the signed-in person rates an open dataset 1–5 (session cookie and CSRF header)',
  'DELETE /api/v1/open-data/datasets/:id/rating':
    'open portal: the signed-in person takes their rating back (session cookie and CSRF header)',
  'GET /api/v1/open-data/datasets/:id/comments':
    'open data: the visible comments on an open dataset, for everybody (authors masked)',
  'POST /api/v1/open-data/datasets/:id/comments':
    'open portal: the signed-in person comments on an open dataset (session cookie and CSRF header; limited per account in Redis)',
  'GET /api/v1/open-data/me/comments':
    'open portal: the signed-in person’s own comments, hidden ones with the reason (its session cookie)',
  'DELETE /api/v1/open-data/me/comments/:id':
    'open portal: the author deletes their own comment (session cookie and CSRF header; 404 for another’s)',
  'GET /api/v1/open-data/demands':
    'open portal: 数据需求征集 — what the public asked for and the departments’ public answers, never who asked',
  'GET /api/v1/open-data/demands/:id': 'open portal: one public demand and its answer',
  'POST /api/v1/open-data/demands':
    'open portal: a signed-in person asks for data (session cookie and CSRF header, checked by the service; limited per account)',
  'GET /api/v1/open-data/me/demands': 'open portal: the signed-in person’s own demands (its session cookie)',
  'POST /api/v1/open-data/datasets/:id/error-reports':
    'open portal: 纠错 — a signed-in person reports an error in an open dataset (session cookie and CSRF header; limited per account)',
  'GET /api/v1/open-data/me/error-reports':
    'open portal: the signed-in person’s own error reports and answers (its session cookie)',
  'GET /api/3/action/:action':
    'open data: CKAN’s action API (package_search, package_show, datastore_search, …) for harvesters, read-only',
  'POST /api/3/action/:action':
    'open data: the same CKAN actions with a JSON body, as CKAN clients send them; reads only, nothing is written',
  'GET /catalog.ttl': 'open data: the DCAT-AP 3 catalog of opened datasets in Turtle, for harvesters (paged, ?page)',
  'GET /catalog.jsonld': 'open data: the same DCAT-AP 3 catalog in JSON-LD',
  'GET /catalog.rdf': 'open data: the same DCAT-AP 3 catalog in RDF/XML',
  'GET /api/v1/open-data/catalog':
    'open data: the DCAT-AP 3 catalog at the URI it names its pages by, format chosen by Accept',
  'GET /api/v1/open-data/themes': 'open data: the 主题领域 concept scheme the catalog’s dcat:theme values belong to',
};

describe('permission matrix: every endpoint × role × scope against the policy table', () => {
  let full: FullNode;
  let routes: Route[];
  const services: Record<string, RunningService> = {};

  beforeAll(async () => {
    full = await startFullNode();
    const [openData] = (await startTestNode({ services: [openDataService], config: full.node.config })).services as [
      RunningService,
    ];
    Object.assign(services, {
      'open-data': openData,
      gateway: full.node.gateway,
      catalog: full.node.catalog,
      demand: full.node.demand,
      exchange: full.exchange,
      federation: full.federation!,
    });
    routes = Object.entries(services).flatMap(([name, running]) => routesOf(name, running.app));
  }, 180_000);

  afterAll(async () => {
    await services['open-data']?.close();
    await full?.close();
  });

  it('finds a permission of the table on every endpoint that is not public', () => {
    const unnamed = routes.filter((r) => !r.isPublic && !r.permission);
    expect(routes.length).toBeGreaterThan(80);
    expect(unnamed.map((r) => `${r.service} ${r.method} ${r.path}`)).toEqual([]);
  });

  it('makes public exactly the routes the table of public routes names', () => {
    const publicRoutes = new Set(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`));
    expect([...publicRoutes].sort()).toEqual(Object.keys(PUBLIC_ROUTES).sort());
  });

  it('answers 401 without a token, 403 exactly where the table denies, and never 403 where it allows', async () => {
    const node = full.node;
    const thisNode = node.config.node.code;
    const otherNode = '999999';
    const scopes: Record<ScopeName, { organisationId: string; nodeCode: string; authority: boolean }> = {
      department: { organisationId: node.orgA.id, nodeCode: thisNode, authority: false },
      authority: { organisationId: node.root.id, nodeCode: thisNode, authority: true },
      'other-node': { organisationId: node.root.id, nodeCode: otherNode, authority: true },
    };
    const holders: Array<{ label: string; roles: Role[]; scope: ScopeName }> = [];
    for (const scope of Object.keys(scopes) as ScopeName[]) {
      holders.push({ label: `no role@${scope}`, roles: [], scope });
      for (const role of ROLES) holders.push({ label: `${role}@${scope}`, roles: [role], scope });
    }
    // Tokens as the gateway signs them; a subject per request, so that an endpoint ending "my sessions" spoils no other cell.
    const key = await NodeSigningKey.loadOrCreate(node.config.node.dataDir);
    const tokenFor = (h: (typeof holders)[number], n: number) => {
      const scope = scopes[h.scope];
      return key.sign({
        issuer: node.config.identity.issuer,
        subject: `user:matrix-${n}-${h.label}`,
        claims: {
          kind: 'user',
          org: scope.organisationId,
          node: scope.nodeCode,
          roles: h.roles,
          authority: scope.authority,
          name: h.label,
        },
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    };

    const urlOf = (route: Route): string => {
      // Through the gateway where it routes (/api/v1/<service>/…), else at the service itself.
      const viaGateway = route.service === 'gateway' || route.path.startsWith(`/api/v1/${route.service}/`);
      return viaGateway ? node.gateway.httpUrl : services[route.service]!.httpUrl;
    };
    const send = (route: Route, token?: string) =>
      callApi(urlOf(route), route.method, concrete(route.path), {
        token,
        body: ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined,
      });

    const mismatches: string[] = [];
    const cells: Array<() => Promise<void>> = [];
    for (const route of routes) {
      cells.push(async () => {
        const res = await send(route);
        const ownCredential = OWN_CREDENTIAL_ROUTES.has(`${route.method} ${route.path}`);
        if (route.isPublic && !ownCredential ? res.status === 401 : res.status !== 401) {
          mismatches.push(`${route.method} ${route.path} without a token: ${res.status}`);
        }
      });
      if (route.isPublic || !route.permission) continue;
      for (const h of holders) {
        const scope = scopes[h.scope];
        const principal: Principal = {
          subject: h.label,
          kind: 'user',
          organisationId: scope.organisationId,
          nodeCode: scope.nodeCode,
          roles: h.roles,
          authority: scope.authority,
        };
        const denied = !mayAttempt(principal, route.permission, thisNode);
        const n = cells.length;
        cells.push(async () => {
          const res = await send(route, await tokenFor(h, n));
          const forbidden = res.status === 403;
          if (denied !== forbidden || res.status === 401) {
            const detail = JSON.stringify(res.body)?.slice(0, 160);
            mismatches.push(
              `${route.method} ${route.path} [${route.permission}] as ${h.label}: table ${denied ? 'denies' : 'allows'}, got ${res.status} ${detail}`,
            );
          }
        });
      }
    }
    // A few requests at a time: plain requests, no waiting.
    const queue = [...cells];
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        for (let cell = queue.shift(); cell; cell = queue.shift()) await cell();
      }),
    );
    console.log(
      `permission matrix: ${routes.length} endpoints, ${holders.length} role×scope holders, ${cells.length} requests, ${mismatches.length} mismatches`,
    );
    for (const m of mismatches.filter((x) => !x.includes('got 401')).slice(0, 150)) console.log(`  ${m}`);
    console.log(`  (${mismatches.filter((x) => x.includes('got 401')).length} of them 401)`);
    expect(mismatches).toEqual([]);
  }, 600_000);
});
