import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { initNodeKey } from '@govdata/federation-feature';
import { ROLES } from '@govdata/platform-auth';
import { SERVICE_NAMES, type NodeConfig } from '@govdata/platform-config';
import { createLogger } from '@govdata/platform-logging';
import { startNode, type RunningNode } from '@govdata/node-runtime';
import { callApi, dropTestNode, testNodeConfig, waitFor } from '@govdata/platform-testing';
import {
  encodeComponent,
  SchemaArbitraries,
  type JsonSchema,
  type OpenApiParameter,
  type WireBody,
} from './openapi-arbitraries.js';

/** Requests generated per operation; keeps the whole file well under 3 minutes on 2 cores. */
const RUNS_PER_OPERATION = 20;
/** Requests in flight at once. */
const CONCURRENCY = 4;
/** A request answering slower than this is reported (a hang is as bad as a 500). */
const REQUEST_TIMEOUT_MS = 20_000;
/** Replay a failing run with `FUZZ_SEED=<seed>`. */
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);

const ADMIN_PASSWORD = 'Fuzz-Harness-2026!';
const USER_PASSWORD = 'Fuzz-User-2026-Strong!';

interface Operation {
  service: string;
  method: string;
  path: string;
  parameters: OpenApiParameter[];
  body?: { contentType: string; schema?: JsonSchema };
  arbitraries: SchemaArbitraries;
}

interface FuzzRequest {
  method: string;
  url: string;
  tokenName: string;
  body: WireBody;
}

interface Failure {
  operation: string;
  request: FuzzRequest;
  status: number | 'no answer';
  response: string;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Routes of the node deliberately left out of the OpenAPI documents, with why — fuzzed from this
 * list instead (and checked to be absent from the documents, so the list stays true).
 */
const OUTSIDE_OPENAPI: ReadonlyArray<{ method: string; path: string; why: string }> = [
  {
    method: 'GET',
    path: '/{path}',
    why: "the portal's files and its history routes (index.html): files for a browser, not API operations the generated client should call",
  },
  {
    method: 'GET',
    path: '/assets/{path}',
    why: "the portal's content-hashed assets: files, as above",
  },
];

/**
 * OpenAPI-driven fuzzing: one node with every service in this process; for every operation of every
 * service's published document, requests generated with fast-check from its parameter and body
 * schemas (valid-ish values, boundaries, wrong types, NUL and lone surrogates, huge strings, deep
 * nesting, missing required fields, random UUIDs) go through the gateway with tokens of users
 * holding fitting roles, with a portal session cookie, and without either. The routes left out of
 * the documents on purpose (OUTSIDE_OPENAPI) are fuzzed as well. No answer may be a 5xx, and the
 * node stays ready.
 */
describe('the OpenAPI documents, fuzzed', () => {
  let config: NodeConfig;
  let node: RunningNode;
  const tokens: Record<string, string | undefined> = { anonymous: undefined };
  /** Portal sessions (the gateway's cookie, turned into a bearer token by the gateway) by credential name. */
  const sessionCookies: Record<string, string> = {};
  const previousPassword = process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];

  const api = (method: string, path: string, options: Parameters<typeof callApi>[3] = {}) =>
    callApi(`http://127.0.0.1:${config.services.gateway.http}`, method, path, options);

  beforeAll(async () => {
    process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = ADMIN_PASSWORD;
    // A built portal of a page and an asset, so that the portal's routes serve files rather than
    // the 503 page of a gateway without one (which the repository's dist/portal may still be).
    const portalDir = mkdtempSync(join(tmpdir(), 'govdata-fuzz-portal-'));
    mkdirSync(join(portalDir, 'assets'));
    writeFileSync(join(portalDir, 'index.html'), '<!doctype html><title>门户</title>');
    writeFileSync(join(portalDir, 'assets', 'index-Fz1.js'), 'export {};');
    config = await testNodeConfig({ http: { portalDir } });
    // As `govdata node init` before the first start: the national node's root key (its CRL is signed with it).
    await initNodeKey(config);
    node = await startNode(config, createLogger({ node: config.node.code, service: 'fuzz', level: 'warn' }));
    await waitFor(
      async () => (await Promise.all(node.services.map((s) => s.readiness.evaluate()))).every((r) => r.ready),
      60_000,
      'every service ready',
    );
    tokens['admin'] = await login('admin', ADMIN_PASSWORD);
    const me = await api('GET', '/api/v1/me', { token: tokens['admin'] });
    const authority = (me.body as { principal?: { organisationId?: string } }).principal?.organisationId;
    const department = await api('POST', '/api/v1/organisations', {
      token: tokens['admin'],
      body: { name: '江西省医疗保障局', uscc: '11360000MB1719587X', regionCode: '360000', kind: 'department' },
    });
    if (authority) tokens['every-role@authority'] = await userWithRoles('fuzz-authority', authority);
    if (department.status === 201) {
      tokens['every-role@department'] = await userWithRoles('fuzz-department', (department.body as { id: string }).id);
    }
    const signIn = await fetch(`http://127.0.0.1:${config.services.gateway.http}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD }),
      redirect: 'manual',
    });
    const session = /govdata_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
    if (session) sessionCookies['portal-session@admin'] = session;
    console.log(`openapi fuzz credentials: ${[...Object.keys(tokens), ...Object.keys(sessionCookies)].join(', ')}`);
  }, 180_000);

  afterAll(async () => {
    await node?.close();
    if (config) await dropTestNode(config);
    if (previousPassword === undefined) delete process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    else process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = previousPassword;
  });

  async function login(username: string, password: string): Promise<string> {
    const res = await api('POST', '/api/v1/auth/token', { body: { grant_type: 'password', username, password } });
    if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { access_token: string }).access_token;
  }

  /** A user holding every role the admin may grant in `organisationId`, logged in. */
  async function userWithRoles(username: string, organisationId: string): Promise<string | undefined> {
    const create = (roles: readonly string[], name: string) =>
      api('POST', '/api/v1/users', {
        token: tokens['admin'],
        body: { organisationId, username: name, displayName: name, password: USER_PASSWORD, roles },
      });
    let created = await create(ROLES, username);
    if (created.status !== 201) {
      // Roles the admin may not grant there are left out (分域分级 refuses escalation).
      const grantable: string[] = [];
      for (const role of ROLES) {
        if ((await create([role], `${username}-${role}`)).status === 201) grantable.push(role);
      }
      if (grantable.length === 0) return undefined;
      created = await create(grantable, username);
      if (created.status !== 201) return undefined;
    }
    return login(username, USER_PASSWORD);
  }

  async function operations(): Promise<Operation[]> {
    const found: Operation[] = [];
    const seen = new Set<string>();
    for (const service of SERVICE_NAMES) {
      const res = await api('GET', `/api/v1/${service}/openapi.json`);
      expect(res.status, `the OpenAPI document of ${service}`).toBe(200);
      const document = res.body as OpenApiDocument;
      const arbitraries = new SchemaArbitraries(document.components?.schemas ?? {});
      for (const [path, item] of Object.entries(document.paths)) {
        for (const method of METHODS) {
          const operation = item[method];
          // Health, metrics and the like are in every service's document; fuzz them once.
          if (!operation || seen.has(`${method} ${path}`)) continue;
          seen.add(`${method} ${path}`);
          const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
          found.push({
            service,
            method: method.toUpperCase(),
            path,
            parameters: operation.parameters ?? [],
            body: contentType ? { contentType, schema: media?.schema } : undefined,
            arbitraries,
          });
        }
      }
    }
    const documented = new Set(found.map((o) => `${o.method} ${o.path}`));
    expect(documented).toContain('POST /login');
    expect(documented).toContain('POST /logout');
    for (const route of OUTSIDE_OPENAPI) {
      expect(documented, `${route.path} is outside OpenAPI: ${route.why}`).not.toContain(
        `${route.method} ${route.path}`,
      );
      found.push({
        service: 'gateway',
        method: route.method,
        path: route.path,
        parameters: [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }],
        arbitraries: new SchemaArbitraries({}),
      });
    }
    return found;
  }

  function requestsFor(operation: Operation, seed: number): FuzzRequest[] {
    const { arbitraries } = operation;
    const pathParams = operation.parameters.filter((p) => p.in === 'path');
    const queryParams = operation.parameters.filter((p) => p.in === 'query');
    const pathArb = fc.record(
      Object.fromEntries(pathParams.map((p) => [p.name, arbitraries.pathValue(p.schema, p.name)])),
    );
    const queryArb = fc.record(
      Object.fromEntries(queryParams.map((p) => [p.name, arbitraries.queryValue(p.schema, p.name)])),
      { requiredKeys: [] },
    );
    const bodyArb: fc.Arbitrary<WireBody> = !operation.body
      ? operation.method === 'GET'
        ? fc.constant(undefined)
        : fc.constantFrom<WireBody>(undefined, { json: '{}' }, { json: '{"a":"\\u0000"}' })
      : operation.body.contentType.includes('json')
        ? fc.oneof(arbitraries.body(operation.body.schema), fc.constant(undefined))
        : fc.oneof(
            fc.uint8Array({ maxLength: 256 }).map((bytes) => ({ bytes, contentType: operation.body!.contentType })),
            fc.constant(undefined),
          );
    const arb = fc.record({
      path: pathArb,
      query: queryArb,
      body: bodyArb,
      tokenName: fc.constantFrom(...Object.keys(tokens), ...Object.keys(sessionCookies)),
    });
    return fc.sample(arb, { seed, numRuns: RUNS_PER_OPERATION }).map((sample) => {
      const path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
        encodeComponent(String(sample.path[name] ?? '')),
      );
      const query = Object.entries(sample.query)
        .map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(String(v))}`)
        .join('&');
      return {
        method: operation.method,
        url: query ? `${path}?${query}` : path,
        tokenName: sample.tokenName,
        body: sample.body,
      };
    });
  }

  async function send(request: FuzzRequest): Promise<{ status: number | 'no answer'; text: string }> {
    const headers: Record<string, string> = {};
    const token = tokens[request.tokenName];
    if (token) headers['authorization'] = `Bearer ${token}`;
    const session = sessionCookies[request.tokenName];
    if (session) {
      headers['cookie'] = `govdata_session=${session}`;
      headers['x-requested-with'] = 'govdata-portal';
    }
    let body: RequestInit['body'];
    if (request.body && 'json' in request.body) {
      headers['content-type'] = 'application/json';
      body = request.body.json;
    } else if (request.body) {
      headers['content-type'] = request.body.contentType;
      body = request.body.bytes;
    }
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let status: number | 'no answer' = 'no answer';
    try {
      const response = await fetch(`http://127.0.0.1:${config.services.gateway.http}${request.url}`, {
        method: request.method,
        headers,
        body,
        signal,
      });
      status = response.status;
      return { status, text: await response.text() };
    } catch (error) {
      // A stream that is still sending when the time is up answered; only no status at all is a failure.
      return { status, text: String(error) };
    }
  }

  it('answers no request with a 5xx and stays ready', async () => {
    const all = await operations();
    expect(all.length).toBeGreaterThan(50);
    const work = all.flatMap((operation, index) =>
      requestsFor(operation, SEED + index).map((request) => ({ operation, request })),
    );
    const byClass: Record<string, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, 'no answer': 0 };
    const failures: Failure[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < work.length) {
          const { operation, request } = work[next++]!;
          const { status, text } = await send(request);
          const statusClass = status === 'no answer' ? status : `${Math.floor(status / 100)}xx`;
          byClass[statusClass] = (byClass[statusClass] ?? 0) + 1;
          if (status === 'no answer' || status >= 500) {
            failures.push({
              operation: `${operation.method} ${operation.path}`,
              request: { ...request, body: summarise(request.body) },
              status,
              response: text.slice(0, 500),
            });
          }
        }
      }),
    );
    console.log(
      `openapi fuzz: seed=${SEED} operations=${all.length} requests=${work.length} ` +
        Object.entries(byClass)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
    );
    for (const failure of failures) console.log(`openapi fuzz failure: ${JSON.stringify(failure)}`);
    expect(failures, `5xx or no answer (replay with FUZZ_SEED=${SEED})`).toEqual([]);

    for (const service of node.services) {
      const ready = await fetch(`${service.httpUrl}/readyz`);
      expect(ready.status, `${service.name} ready after the fuzz`).toBe(200);
    }
  }, 300_000);
});

/** A body short enough to print. */
function summarise(body: WireBody): WireBody {
  if (!body) return body;
  if ('json' in body)
    return { json: body.json.length > 300 ? `${body.json.slice(0, 300)}… (${body.json.length} chars)` : body.json };
  return { contentType: body.contentType, bytes: body.bytes.subarray(0, 16) };
}
