import { waitFor } from '@govdata/platform-testing';
import type { Page } from 'playwright-core';
import { publishEntry, SEARCH_ENTRIES } from '../e2e/catalog-entries.js';
import { openBrowser, signIn, startPortalNode, type PersonBrowser, type PortalNode } from '../e2e/portal-harness.js';

/**
 * 门户首屏 — time from navigation to the first search results in the portal (Debian's Chromium, a
 * signed-in person, /catalog/search?q=人口: the app's scripts load, it asks who is signed in, then
 * searches), beside the same measure for a static HTML page served by the same gateway (its own
 * sign-in page, no script): the baseline, in the same run. Each with the browser's cache emptied
 * (a first visit) and warm (a return visit). Printed, not asserted.
 */
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 10);

/** Milliseconds from starting the navigation until `ready` resolves. */
async function timeTo(page: Page, url: string, ready: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('portal: navigation to the first search results vs a static page of the gateway', () => {
  let node: PortalNode;
  let browser: PersonBrowser;

  beforeAll(async () => {
    node = await startPortalNode();
    const bureau = await node.organisation('江西省公安厅', '11360000014500002N');
    const authority = await node.organisation('江西省市场监督管理局', '11360000MB17195879', true);
    await node.catalogKnows(bureau, authority);
    const editor = await node.user(bureau, '张伟', ['catalog-editor']);
    const reviewer = await node.user(authority, '李娜', ['catalog-reviewer']);
    for (const content of SEARCH_ENTRIES) await publishEntry(node, editor, reviewer, content);
    const token = await reviewer.token();
    await waitFor(
      async () =>
        (await node.api('GET', '/api/v1/catalog/search?q=%E4%BA%BA%E5%8F%A3', { token })).body.items?.length > 0 ||
        undefined,
      30_000,
      'the published entries in the search index',
    );
    browser = await openBrowser();
    await signIn(browser.page, node.baseUrl, reviewer);
  });

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  it(`measures ${REPEATS} cold and ${REPEATS} warm navigations of each`, async () => {
    const { page } = browser;
    const cdp = await browser.context.newCDPSession(page);
    const search = `${node.baseUrl}/catalog/search?q=${encodeURIComponent('人口')}`;
    const firstResult = () => page.getByRole('region', { name: '检索结果' }).locator('article').first().waitFor();
    // The baseline: the gateway's server-rendered page (the form is there once it is parsed).
    const staticPage = `${node.baseUrl}/login`;
    const staticReady = () => page.getByRole('button', { name: '登录' }).waitFor();

    const runs = {
      portal: { cold: [] as number[], warm: [] as number[] },
      static: { cold: [] as number[], warm: [] as number[] },
    };
    for (let i = 0; i < REPEATS; i++) {
      for (const [which, url, ready] of [
        ['portal', search, firstResult],
        ['static', staticPage, staticReady],
      ] as const) {
        await page.goto('about:blank');
        await cdp.send('Network.clearBrowserCache');
        runs[which].cold.push(await timeTo(page, url, ready));
        await page.goto('about:blank');
        runs[which].warm.push(await timeTo(page, url, ready));
      }
    }
    const line = (label: string, values: number[]) =>
      `${label.padEnd(34)} median ${median(values).toFixed(0).padStart(5)} ms   min ${Math.min(...values)
        .toFixed(0)
        .padStart(5)} ms   max ${Math.max(...values)
        .toFixed(0)
        .padStart(5)} ms`;
    console.log(
      [
        `portal first search results vs a static gateway page — Chromium ${browser.context.browser()?.version() ?? ''}, ${REPEATS} runs each`,
        line('portal /catalog/search, cold', runs.portal.cold),
        line('portal /catalog/search, warm', runs.portal.warm),
        line('static /login (baseline), cold', runs.static.cold),
        line('static /login (baseline), warm', runs.static.warm),
      ].join('\n'),
    );
  });
});
