/**
 * Start-up time (issue 10): the packages that only some requests need are
 * loaded the first time they are used, not when the server starts. Each
 * costs 40–70 ms of CPU to load: sanitize-html (rendering an article body),
 * xmlbuilder2 (a feed or sitemap) and nodemailer (sending mail); and only
 * validator's isEmail is loaded, not the whole library.
 *
 * Run in a fresh Node process: it imports what server.ts imports, then
 * reports which of these packages are loaded, before and after each is used.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

const SCRIPT = `
import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
// validator counts as loaded when its index (the whole library) is, not for the few files isEmail needs.
const loaded = () => ['sanitize-html', 'xmlbuilder2', 'nodemailer', 'validator/index.js'].filter((name) =>
  Object.keys(cache).some((file) => file.includes('/node_modules/' + name)));
await Promise.all(['./src/app.ts', './src/web/page-cache.ts', './src/web/limits.ts', './src/content/store.ts', './src/newsletter/service.ts', './src/content/watch.ts', './src/content/reloader.ts'].map((m) => import(m)));
const report = { atStart: loaded() };
const { renderMarkdown } = await import('./src/content/markdown.ts');
const html = renderMarkdown('**Hello** <script>alert(1)</script>');
report.afterRender = loaded();
const { sitemapXml } = await import('./src/seo/sitemaps.ts');
const { DEFAULT_SITE } = await import('./src/content/site.ts');
const xml = sitemapXml([], DEFAULT_SITE);
report.afterSitemap = loaded();
const { createMailer } = await import('./src/newsletter/mailer.ts');
const mailer = createMailer({ from: 'news@example.org', outboxDir: process.env.OUTBOX });
report.afterMailerCreated = loaded();
const sent = await mailer.send({ to: 'reader@example.org', subject: 'Hello', html: '<p>Hi</p>', text: 'Hi' });
report.afterSend = loaded();
mailer.close();
console.log(JSON.stringify({ ...report, html, xml, sent: Boolean(sent.file) }));
`;

describe('packages loaded on first use', () => {
  it('loads sanitize-html, xmlbuilder2 and nodemailer only when a body, a sitemap and an email need them', () => {
    const outbox = mkdtempSync(path.join(os.tmpdir(), 'lazy-outbox-'));
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, OUTBOX: outbox },
    });
    const report = JSON.parse(output.trim().split('\n').pop()!);
    expect(report.atStart).toEqual([]);
    expect(report.afterRender).toEqual(['sanitize-html']);
    expect(report.html).toBe('<p><strong>Hello</strong> </p>\n');
    expect(report.afterSitemap).toEqual(['sanitize-html', 'xmlbuilder2']);
    expect(report.xml).toContain('<urlset');
    expect(report.afterMailerCreated).toEqual(['sanitize-html', 'xmlbuilder2']);
    expect(report.afterSend).toEqual(['sanitize-html', 'xmlbuilder2', 'nodemailer']);
    expect(report.sent).toBe(true);
  }, 30_000);
});
