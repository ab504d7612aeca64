/**
 * The hostile-content corpus (test/fixtures/hostile/) served by the real app:
 * every page that shows a payload is inert (no script, handler, active URL,
 * frame, form or external load), shows the payload as text where it is text
 * (titles, headings, JSON-LD), and never evaluates template syntax.
 * The browser test (test/e2e/hostile.test.ts) watches the same pages run.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { HOSTILE_DIR, HOSTILE_NOW, hostileEntries, hostileFiles } from '../fixtures/hostile/generate.js';
import { PAYLOADS } from '../fixtures/hostile/payloads.js';
import { parse } from '../support/html.js';
import { testApp } from '../support/app.js';
import { inertProblems } from './inert.js';

const { app, store, snapshot } = await testApp({ contentDir: HOSTILE_DIR, now: HOSTILE_NOW, env: { NODE_ENV: 'production' } });
const view = store.view(HOSTILE_NOW);
const entries = hostileEntries();
const OWN = ['https://hostile.example'];

/** The node of a type in a JSON-LD block (a single object or an @graph). */
function jsonLdNode(json: string, type: string): Record<string, unknown> | undefined {
  const data = JSON.parse(json) as Record<string, unknown>;
  const nodes = Array.isArray(data['@graph']) ? (data['@graph'] as Record<string, unknown>[]) : [data];
  return nodes.find((node) => node['@type'] === type);
}

/** Every page that shows a payload. */
function hostilePages(): string[] {
  return [
    '/',
    '/jobs',
    ...entries.flatMap((entry) => [`/news/${entry.articleSlug}`, `/jobs/${entry.jobSlug}`]),
    ...[...view.tags.keys()].map((slug) => `/tags/${slug}`),
    ...[...view.authors.keys()].map((slug) => `/authors/${slug}`),
    ...PAYLOADS.map((payload) => `/search?q=${encodeURIComponent(payload.slice(0, 200))}`),
    ...PAYLOADS.map((payload) => `/jobs?q=${encodeURIComponent(payload.slice(0, 200))}`),
  ];
}

describe('the hostile corpus', () => {
  it('has at least 50 payloads, and the committed fixture folder is what generate.ts makes', async () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(50);
    for (const [relative, text] of hostileFiles()) {
      expect(await readFile(path.join(HOSTILE_DIR, relative), 'utf8'), `${relative} is stale: run npx tsx test/fixtures/hostile/generate.ts`).toBe(text);
    }
  });

  it('loads every file: the payloads are content, not errors', () => {
    expect(snapshot.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(view.articles).toHaveLength(PAYLOADS.length);
    expect(view.currentJobs).toHaveLength(PAYLOADS.length);
    expect(view.authors.size).toBe(PAYLOADS.length);
    expect(view.tags.size).toBeGreaterThan(PAYLOADS.length * 0.9);
  });
});

describe('the inert check itself', () => {
  const page = (html: string) => `<!doctype html><html><head><title>t</title></head><body><main><h1>h</h1>${html}</main><footer class="site-footer"></footer></body></html>`;

  it('passes a clean page and catches each kind of active markup', () => {
    expect(inertProblems(page('<p><a href="/x">x</a> <img src="https://hostile.example/a.png" alt=""></p>'), OWN)).toEqual([]);
    const active = PAYLOADS.filter((payload) => /<(script|img|svg|iframe|object|embed|form|style|meta|base|link|a |details|video|input|marquee|x |body|div)/i.test(payload) && !payload.startsWith('<!--'));
    expect(active.length).toBeGreaterThan(40);
    // Not active as raw HTML either: `<scr<script>` is an unknown element, `&#0;` decodes to U+FFFD,
    // and `<![CDATA[<script>` is a bogus comment ending at its first `>`.
    const harmless = ['<scr<script>ipt>__xss(6)</scr</script>ipt>', '<a href="java&#0;script:alert(28)">j</a>', '<![CDATA[<script>__xss(65)</script>]]>'];
    expect(active.filter((payload) => inertProblems(page(payload), OWN).length === 0)).toEqual(harmless);
  });
});

describe('every page showing a payload is inert', () => {
  it.each(hostilePages())('%s', async (page) => {
    const res = await request(app).get(page);
    expect(res.status).toBe(200);
    expect(inertProblems(res.text, OWN)).toEqual([]);
    const text = parse(res.text)('body').text();
    expect(text).not.toMatch(/\b49\b|\b6170\b/);
  });
});

describe('payloads are shown as text', () => {
  it.each(entries.map((entry) => [entry.id, entry] as const))('article %s: title, heading and JSON-LD keep the exact text', async (_id, entry) => {
    const res = await request(app).get(`/news/${entry.articleSlug}`);
    const $ = parse(res.text);
    const title = snapshot.articles.find((article) => article.slug === entry.articleSlug)!.title;
    expect(title).toContain(entry.payload.trim().slice(0, 20));
    expect($('h1').text().trim()).toBe(title.trim());
    expect($('title').text()).toContain(title.trim());
    expect(jsonLdNode($('script[type="application/ld+json"]').text(), 'NewsArticle')?.headline).toBe(title);
  });

  it.each(entries.map((entry) => [entry.id, entry] as const))('job %s: title and employer keep the exact text', async (_id, entry) => {
    const res = await request(app).get(`/jobs/${entry.jobSlug}`);
    const $ = parse(res.text);
    const job = snapshot.jobs.find((candidate) => candidate.slug === entry.jobSlug)!;
    expect($('h1').text().trim()).toBe(job.title.trim());
    expect($('body').text()).toContain(job.employer.trim());
  });

  it.each(['{{ 7*7 }}', '{{ 1234*5 }}', '{% raw %}{{ 7*7 }}{% endraw %}', '{{ range.constructor("__xss(71)")() }}', '{% include "/etc/passwd" %}'])(
    'template syntax %s is shown literally in title, summary and body',
    async (payload) => {
      const entry = entries.find((candidate) => candidate.payload === payload)!;
      const res = await request(app).get(`/news/${entry.articleSlug}`);
      const $ = parse(res.text);
      expect($('h1').text()).toContain(payload);
      expect($('main').text().split(payload).length).toBeGreaterThan(3);
      expect(res.text).not.toContain('root:x:0:0');
    },
  );

  it('shows the hostile site name as text in every page header', async () => {
    const res = await request(app).get('/');
    const $ = parse(res.text);
    expect($('.site-header__name').text()).toBe('Hostile <script>__xss(0)</script> {{ 7*7 }} News');
  });
});
