import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogService } from '@govdata/catalog-feature';
import { gatewayService } from '@govdata/gateway-node';
import type { NodeConfig, NodeConfigInput } from '@govdata/platform-config';
import type { RunningService, ServiceDefinition } from '@govdata/platform-service';
import {
  callApi,
  startTestNode,
  waitFor,
  type ApiRequestOptions,
  type ApiResponse,
  type DeepPartial,
} from '@govdata/platform-testing';
import type { Result as AxeResult } from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What the portal's end-to-end tests stand on: a real node (gateway + catalog, against the real
 * PostgreSQL, Redis and Kafka) serving the real built portal from dist/portal, people created
 * through the API as an administrator would, and Debian's Chromium driven by playwright-core — each
 * person in a browser of their own with a fresh profile, as two officials at two desks would be.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The built portal the nodes serve (GOVDATA_E2E_PORTAL_DIR: a copy kept apart from rebuilds). */
export const PORTAL_DIR = process.env['GOVDATA_E2E_PORTAL_DIR'] ?? join(root, 'dist', 'portal');
const ARTIFACTS = join(root, '.artifacts', 'e2e');
const ADMIN_PASSWORD = 'Portal-E2E-Root-2026!';

/** The office screen and the phone the issue names; each page is checked and photographed at both. */
export const SIZES = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Debian's chromium (tools/ensure-browser.sh installs it); these flags keep a test browser quiet
 * and offline apart from the node under test.
 */
const BROWSER = '/usr/bin/chromium';
const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The built portal, built first when dist/portal has none (as `npm start` would). */
export function ensurePortalBuilt(): string {
  if (existsSync(join(PORTAL_DIR, 'index.html'))) return PORTAL_DIR;
  const build = spawnSync('npm', ['run', 'build:portal'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(join(PORTAL_DIR, 'index.html'))) {
    throw new Error(`npm run build:portal did not produce ${PORTAL_DIR}/index.html (exit ${build.status})`);
  }
  return PORTAL_DIR;
}

/** The built open-data portal (GOVDATA_E2E_OPEN_PORTAL_DIR: a copy kept apart from rebuilds). */
export const OPEN_PORTAL_DIR = process.env['GOVDATA_E2E_OPEN_PORTAL_DIR'] ?? join(root, 'dist', 'open-portal');

/** The built open-data portal, built first when dist/open-portal has none. */
export function ensureOpenPortalBuilt(): string {
  if (existsSync(join(OPEN_PORTAL_DIR, 'index.html'))) return OPEN_PORTAL_DIR;
  const build = spawnSync('npm', ['run', 'build:open-portal'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(join(OPEN_PORTAL_DIR, 'index.html'))) {
    throw new Error(`npm run build:open-portal did not produce ${OPEN_PORTAL_DIR}/index.html (exit ${build.status})`);
  }
  return OPEN_PORTAL_DIR;
}

export interface PortalOrganisation {
  id: string;
  name: string;
}

/** A person with an account on the node: what they type at the sign-in page and who they are. */
export interface PortalUser {
  id: string;
  username: string;
  password: string;
  displayName: string;
  organisation: PortalOrganisation;
  roles: string[];
  /** A bearer token from the password grant, for setting things up through the API as this person. */
  token(): Promise<string>;
}

export interface PortalNode {
  config: NodeConfig;
  /** The portal's address: the gateway, which serves it at `/` beside `/api/v1`. */
  baseUrl: string;
  service(name: string): RunningService;
  /** The bootstrap administrator's token. */
  adminToken: string;
  /** Calls the gateway; JSON in and out. */
  api<T = any>(method: string, path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
  /** Creates a department of the node (in region 360000 unless another region code is given). */
  organisation(name: string, uscc: string, authority?: boolean, regionCode?: string): Promise<PortalOrganisation>;
  user(organisation: PortalOrganisation, displayName: string, roles: string[]): Promise<PortalUser>;
  /** Waits until the catalog has learnt these organisations (identity.organisation.v1 through Kafka). */
  catalogKnows(...organisations: PortalOrganisation[]): Promise<void>;
  close(): Promise<void>;
}

/** Starts a node serving the built portal; gateway and catalog unless other services are named. */
export async function startPortalNode(
  options: { services?: readonly ServiceDefinition[]; overrides?: DeepPartial<NodeConfigInput> } = {},
): Promise<PortalNode> {
  const portalDir = ensurePortalBuilt();
  const node = await startTestNode({
    services: options.services ?? [gatewayService, catalogService],
    overrides: { ...options.overrides, http: { portalDir, ...options.overrides?.http } },
    env: { GOVDATA_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, GOVDATA_DEMO: undefined },
  });
  const baseUrl = node.service('gateway').httpUrl;
  const api = <T>(method: string, path: string, requestOptions: ApiRequestOptions = {}) =>
    callApi<T>(baseUrl, method, path, requestOptions);
  const passwordGrant = async (username: string, password: string): Promise<string> => {
    const answer = await api<{ access_token: string }>('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', username, password },
    });
    if (answer.status !== 200) throw new Error(`signing ${username} in failed: ${JSON.stringify(answer.body)}`);
    return answer.body.access_token;
  };
  let adminToken: string;
  try {
    adminToken = await passwordGrant('admin', ADMIN_PASSWORD);
  } catch (error) {
    await node.close();
    throw error;
  }

  return {
    config: node.config,
    baseUrl,
    service: (name) => node.service(name),
    adminToken,
    api,
    async organisation(name, uscc, authority = false, regionCode = '360000') {
      const created = await api<{ id: string }>('POST', '/api/v1/organisations', {
        token: adminToken,
        body: { name, uscc, regionCode, kind: 'department', authority },
      });
      if (created.status !== 201) throw new Error(`creating ${name} failed: ${JSON.stringify(created.body)}`);
      return { id: created.body.id, name };
    },
    async user(organisation, displayName, roles) {
      const username = `u${randomBytes(5).toString('hex')}`;
      const password = `Portal-${randomBytes(9).toString('base64url')}-2026!`;
      const created = await api<{ id: string }>('POST', '/api/v1/users', {
        token: adminToken,
        body: { organisationId: organisation.id, username, displayName, password, roles },
      });
      if (created.status !== 201) throw new Error(`creating ${displayName} failed: ${JSON.stringify(created.body)}`);
      return {
        id: created.body.id,
        username,
        password,
        displayName,
        organisation,
        roles,
        token: () => passwordGrant(username, password),
      };
    },
    async catalogKnows(...organisations) {
      await waitFor(
        async () => {
          const providers = await api<{ items?: Array<{ id: string }> }>('GET', '/api/v1/catalog/providers', {
            token: adminToken,
          });
          const known = new Set(providers.body.items?.map((o) => o.id) ?? []);
          return organisations.every((o) => known.has(o.id)) || undefined;
        },
        30_000,
        'organisations projected into the catalog',
      );
    },
    close: node.close,
  };
}

/** One person's browser: its own Chromium profile, and what the page reported against the CSP. */
export interface PersonBrowser {
  page: Page;
  context: BrowserContext;
  /** Content-Security-Policy violations the browser logged so far (the portal should cause none). */
  cspViolations: string[];
  close(): Promise<void>;
}

/** Launches Debian's Chromium with a fresh profile, at the office screen size, in 中文. */
export async function openBrowser(): Promise<PersonBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'govdata-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSER,
    args: BROWSER_ARGS,
    viewport: { width: SIZES[0].width, height: SIZES[0].height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(20_000);
  const cspViolations: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
        cspViolations.push(message.text());
      }
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    cspViolations,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in the way a person does: the portal page sends them to the gateway's sign-in page, they
 * fill in 用户名 and 密码 and press 登录, and land back where they started.
 */
export async function signIn(page: Page, baseUrl: string, user: PortalUser, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL((url) => url.pathname === '/login');
  await signInHere(page, user, path.split('?')[0]!);
}

/** On the gateway's sign-in page: fills it in, presses 登录, and waits for the portal at `landing`. */
export async function signInHere(page: Page, user: PortalUser, landing: string): Promise<void> {
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await page.getByRole('button', { name: '登录' }).click();
  const response = await answer;
  if (response.status() !== 303) {
    // Refused: the page came back with its message; say what the person would have read.
    await page.waitForLoadState();
    const message = await page.locator('#login-message').textContent();
    throw new Error(`the sign-in page refused ${user.displayName} (${response.status()}): ${message}`);
  }
  await page.waitForURL((url) => url.pathname === landing);
  // The portal's banner names the person once it has loaded who is signed in (GET /api/v1/me).
  await page.locator('.portal-person__name', { hasText: user.displayName }).waitFor();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rules (GB/T 37668 follows WCAG 2.1 AA). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core in the page as it is now; the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeResult[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (globalThis as unknown as { axe: typeof import('axe-core') }).axe.run({
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The violations, each with the elements it was found on, as a person fixing them would read them. */
export function describeViolations(violations: AxeResult[]): string {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
}

/** Where a test's screenshots go: .artifacts/e2e/<test>/<page>-<size>.png (gitignored). */
export function screenshotPath(test: string, pageName: string, size: string): string {
  const folder = join(ARTIFACTS, test);
  mkdirSync(folder, { recursive: true });
  return join(folder, `${pageName}-${size}.png`);
}

/**
 * Checks the page a person is looking at, at the office screen and at the phone size: a screenshot
 * of each kept as a test artefact, and no serious or critical axe-core violation (printed when any).
 * Leaves the page at the office screen size.
 */
export async function checkPage(browser: PersonBrowser, test: string, pageName: string): Promise<void> {
  const { page } = browser;
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // Element Plus animates layout changes; let them settle before photographing and checking.
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath(test, pageName, size.name), fullPage: true });
    const violations = await seriousViolations(page);
    if (violations.length > 0)
      found.push(`${pageName} at ${size.width}×${size.height}:\n${describeViolations(violations)}`);
  }
  await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
  if (found.length > 0) console.error(`axe-core violations on ${test}/${pageName}:\n${found.join('\n')}`);
  expect(found, 'serious or critical axe-core violations').toEqual([]);
  expect(browser.cspViolations, 'Content-Security-Policy violations').toEqual([]);
}
