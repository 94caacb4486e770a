// A real browser on a served test app: Debian's Chromium through playwright-core, axe-core, and the
// page-weight check every page must pass (HTML and stylesheets, gzipped, at most 15 KB, no script).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const MAX_PAGE_BYTES = 15 * 1024;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The `skip` option of a browser suite: false when Chromium is there, else the reason. */
export const skipWithoutChromium = fs.existsSync(CHROMIUM)
  ? false
  : `no ${CHROMIUM}: install Debian's chromium to run the browser tests`;

/** Headless Chromium as this machine allows it (no sandbox as root, no background network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Serves an app (anything with a fetch handler) on a free port of 127.0.0.1; close() stops it. */
export async function serveApp(app: {
  fetch: (req: Request) => Response | Promise<Response>;
}): Promise<{ base: string; close: () => void }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** axe-core's violations on the page as loaded, one line each; the context must bypass the page's CSP. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Axe = {
      run: (
        ctx: Document,
        opts: object,
      ) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
    };
    const r = await (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * Loads a page with JavaScript off and measures it as a reader's connection would: gzipped HTML plus
 * every stylesheet, the scripts it asked for, and how many h1 its main holds.
 */
export async function pageWeight(
  page: Page,
  base: string,
  path: string,
): Promise<{ status: number; bytes: number; scripts: string[]; h1s: number }> {
  const scripts: string[] = [];
  const onResponse = (r: { url(): string; request(): { resourceType(): string } }) => {
    if (r.request().resourceType() === 'script') scripts.push(r.url());
  };
  page.on('response', onResponse);
  try {
    const res = await page.goto(base + path);
    let bytes = gzipSync(await res!.body()).length;
    for (const href of await page
      .locator('link[rel=stylesheet]')
      .evaluateAll((ls) => ls.map((l) => l.getAttribute('href')))) {
      bytes += gzipSync(Buffer.from(await (await fetch(base + href)).arrayBuffer())).length;
    }
    return { status: res!.status(), bytes, scripts, h1s: await page.locator('main h1').count() };
  } finally {
    page.off('response', onResponse);
  }
}

/** A browser context signed in as a staff member: their session cookie (its value) set for the served app. */
export async function staffContext(
  browser: Browser,
  base: string,
  cookie: string,
  opts: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(opts);
  await context.addCookies([{ name: 'kitap_session', value: cookie, url: base }]);
  return context;
}
