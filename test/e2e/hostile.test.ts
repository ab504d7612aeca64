/**
 * The hostile-content corpus in a real browser (Debian Chromium). Every page
 * that shows a payload is opened with the CSP switched off (bypassCSP), so
 * only the escaping and sanitising stand between a payload and the reader:
 * no dialog opens, no payload's script runs (each calls `__xss(n)`, `alert`,
 * or overwrites `window.__xss`), no request leaves 127.0.0.1, and template
 * syntax is shown as text (`{{ 7*7 }}` never becomes 49). Then, with the CSP
 * on, the site's own pages raise no CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HOSTILE_DIR, HOSTILE_NOW, hostileEntries } from '../fixtures/hostile/generate.js';
import { PAYLOADS } from '../fixtures/hostile/payloads.js';
import { launchBrowser } from './support/browser.js';
import { startSite, type RunningSite } from './support/server.js';

/** Runs in the page before any of its own code: the sentinel payloads report to, and a CSP violation log. */
const SENTINEL = `
  window.__xssHits = [];
  window.__xss = function (n) { window.__xssHits.push(n); };
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', function (e) { window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });
`;

interface Watch {
  page: Page;
  dialogs: string[];
  external: string[];
  errors: string[];
}

/** The pages are checked in parts, so each test stays well inside its time limit on a busy machine. */
const PARTS = 10;

let browser: Browser;
let site: RunningSite;
let context: BrowserContext;
let watch: Watch;

async function watchedPage(ctx: BrowserContext, origin: string): Promise<Watch> {
  const page = await ctx.newPage();
  const result: Watch = { page, dialogs: [], external: [], errors: [] };
  page.on('dialog', (dialog) => {
    result.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => result.errors.push(error.message));
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    result.external.push(url);
    return route.abort();
  });
  return result;
}

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite({ contentDir: HOSTILE_DIR, now: HOSTILE_NOW })]);
  context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
  await context.addInitScript(SENTINEL);
  watch = await watchedPage(context, site.url);
});
afterAll(async () => {
  await context?.close();
  await Promise.all([browser?.close(), site?.close()]);
});

/** Every page that shows a payload: listings, articles, jobs, tags, authors and searches for each payload. */
function pages(): string[] {
  const view = site.store.view(HOSTILE_NOW);
  return [
    '/',
    '/jobs',
    ...hostileEntries().flatMap((entry) => [`/news/${entry.articleSlug}`, `/jobs/${entry.jobSlug}`]),
    ...[...view.tags.keys()].map((slug) => `/tags/${slug}`),
    ...[...view.authors.keys()].map((slug) => `/authors/${slug}`),
    ...PAYLOADS.map((payload) => `/search?q=${encodeURIComponent(payload.slice(0, 200))}`),
  ];
}

describe('hostile content in Chromium, CSP off: the markup alone is inert', () => {
  it('covers every kind of page that shows a payload', () => {
    expect(pages().length).toBeGreaterThan(PAYLOADS.length * 4);
  });

  // Listed lazily: the site starts in beforeAll, so the pages are read from it inside each test.
  it('notices a payload that does run (the checks can fail)', async () => {
    const control = await browser.newContext({ bypassCSP: true });
    const own = await watchedPage(control, site.url);
    await own.page.setContent(`<script>${SENTINEL}</script><img src="x" onerror="__xss(1)"><script>alert(2)</script>`);
    expect(await own.page.evaluate('window.__xssHits')).toEqual([1]);
    expect(own.dialogs).toEqual(['alert: 2']);
    await control.close();
  });

  it.each(Array.from({ length: PARTS }, (_, part) => part))('pages, part %i', async (part) => {
    const all = pages();
    const mine = all.filter((_, index) => index % PARTS === part);
    const failures: string[] = [];
    for (const path of mine) {
      watch.dialogs.length = 0;
      watch.external.length = 0;
      watch.errors.length = 0;
      const response = await watch.page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      const state = await watch.page.evaluate(`({
        hits: window.__xssHits,
        sentinel: typeof window.__xss,
        text: document.body.innerText,
        title: document.title,
      })`) as { hits: number[]; sentinel: string; text: string; title: string };
      const problems = [
        response?.status() === 200 ? '' : `status ${response?.status()}`,
        watch.dialogs.length ? `dialogs: ${watch.dialogs.join(', ')}` : '',
        state.hits.length ? `__xss called: ${state.hits.join(', ')}` : '',
        state.sentinel === 'function' ? '' : `window.__xss overwritten (${state.sentinel})`,
        watch.external.length ? `external requests: ${watch.external.join(', ')}` : '',
        watch.errors.length ? `page errors: ${watch.errors.join(', ')}` : '',
        state.text.includes('{{ 7*7 }}') ? '' : 'template syntax not shown as text',
        /\b49\b|\b6170\b/.test(`${state.text} ${state.title}`) ? 'template syntax evaluated' : '',
      ].filter(Boolean);
      if (problems.length) failures.push(`${path}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('shows a template payload literally in the headline', async () => {
    const entry = hostileEntries().find((candidate) => candidate.payload === '{{ range.constructor("__xss(71)")() }}')!;
    await watch.page.goto(`${site.url}/news/${entry.articleSlug}`);
    expect(await watch.page.locator('h1').innerText()).toBe(`Payload ${entry.id} {{ range.constructor("__xss(71)")() }}`);
  });
});

describe('with the CSP on', () => {
  it('the site’s own pages raise no CSP violation', async () => {
    const strict = await browser.newContext({ javaScriptEnabled: true });
    await strict.addInitScript(SENTINEL);
    const own = await watchedPage(strict, site.url);
    const entry = hostileEntries()[0]!;
    const violations: string[] = [];
    for (const path of ['/', '/jobs', `/news/${entry.articleSlug}`, `/jobs/${entry.jobSlug}`, '/search?q=payload', '/newsletter', '/no-such-page']) {
      await own.page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      const found = (await own.page.evaluate('window.__cspViolations')) as string[];
      violations.push(...found.map((violation) => `${path}: ${violation}`));
    }
    await strict.close();
    expect(violations).toEqual([]);
    expect(own.external).toEqual([]);
  });
});
