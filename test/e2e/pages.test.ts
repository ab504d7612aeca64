/**
 * Every page type in Chromium, at a desktop and a phone width and in the dark
 * scheme: the status, one <h1>, zero axe-core violations (contrast included),
 * no horizontal scrolling, and a full-page screenshot kept as an artefact.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAxe } from './support/axe.js';
import { newContext, type Width } from './support/browser.js';
import { horizontalOverflow } from './support/dom.js';
import { samplePages } from './support/pages.js';
import { SAMPLE_NOW } from './support/server.js';
import { useSession } from './support/session.js';

const session = useSession('pages');

const looks: { width: Width; scheme: 'light' | 'dark' }[] = [
  { width: 1280, scheme: 'light' },
  { width: 390, scheme: 'light' },
  { width: 1280, scheme: 'dark' },
  { width: 390, scheme: 'dark' },
];

describe.each(looks)('at $width px, $scheme scheme', ({ width, scheme }) => {
  it('every page type is accessible (axe), has one h1 and fits the screen', async () => {
    const context = await newContext(session.browser, width, scheme);
    const page = await context.newPage();
    const failures: string[] = [];
    for (const sample of samplePages(session.site.store, SAMPLE_NOW)) {
      const response = await page.goto(session.site.url + sample.path);
      expect(response?.status(), sample.path).toBe(sample.status);
      expect(await page.locator('h1').count(), `${sample.path}: one h1`).toBe(1);
      expect(await horizontalOverflow(page), `${sample.path}: no horizontal scrolling`).toBeLessThanOrEqual(0);
      for (const violation of await runAxe(page)) {
        failures.push(`${sample.path}: ${violation.id} (${violation.impact}) ${violation.help}\n    ${violation.nodes.map((n) => n.html).slice(0, 3).join('\n    ')}`);
      }
      await page.screenshot({ path: path.join(session.shots, `${sample.kind}-${width}-${scheme}.png`), fullPage: true });
    }
    await context.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
