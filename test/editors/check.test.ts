/**
 * Issue 5: `npm run check [DIR]` on a folder of known mistakes: every
 * problem as `path:line: field: message`, warnings for likely mistakes, a
 * summary line, exit status 1 on errors and 0 on warnings only.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { foldTag } from '../../src/content/lint.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NOW = new Date('2016-06-15T12:00:00Z');

async function run(...argv: string[]): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = await check(argv, { out: (line) => lines.push(line), now: NOW });
  return { status, lines };
}

describe('npm run check', () => {
  it('reports every error and warning of a folder of known mistakes, then a summary, and fails', async () => {
    const { status, lines } = await run('test/fixtures/check');
    const at = 'test/fixtures/check';
    expect(lines).toEqual([
      `${at}/articles/alias-clash.md:5: aliases: warning: "/jobs" is a live address of the site: the redirect would hide that page`,
      `${at}/articles/alias-clash.md:5: aliases: warning: "/news/no-summary" is a live address of the site: the redirect would hide that page`,
      `${at}/articles/alias-clash.md:5: aliases: warning: "/tags/ofsted" is a live address of the site: the redirect would hide that page`,
      `${at}/articles/alias-clash.md:5: aliases: warning: "/Old/Story/" never matches: addresses are lower-case without a trailing slash; write "/old/story"`,
      `${at}/articles/bad-date.md:3: date: expected a date like 2016-06-10 or 2016-06-10T09:30, got "soon"`,
      `${at}/articles/childrens.md:5: tags: warning: "Childrens services" is spelled "children's services" elsewhere (2 files); use one spelling so the stories share a tag page`,
      `${at}/articles/far-future.md:4: date: warning: 2026-06-08 is more than a year ahead: is the year right?`,
      `${at}/articles/image-no-alt.md: image_alt: required when image is given (describe the picture)`,
      `${at}/articles/missing-title.md: title: required`,
      `${at}/articles/no-summary.md: summary: warning: missing: the first paragraph of the body stands in as the standfirst and the description`,
      `${at}/articles/pins-closed.md:5: jobs: warning: pinned job "old-job" closed on 2016-02-01; it is no longer shown`,
      `${at}/articles/vague-alt.md:6: image_alt: warning: "town-hall.jpg" does not describe the picture for readers who cannot see it`,
      `${at}/jobs/no-salary.md: salary: required`,
      `${at}/jobs/no-salary.md:6: sallary: warning: unknown field, ignored (is it misspelt?)`,
      expect.stringMatching(new RegExp(`^${at}/site\\.yaml:3: perPage: .*; using the default$`)),
      '12 files checked (6 valid articles, 2 valid jobs): 5 errors in 5 files, 10 warnings',
    ]);
    expect(status).toBe(1);
  });

  it('passes with warnings only (a pinned job that has closed, a missing standfirst)', async () => {
    const { status, lines } = await run('test/fixtures/editors/schedule', '--now', '2016-06-19T12:00Z');
    expect(lines).toEqual([
      'test/fixtures/editors/schedule/articles/published.md: summary: warning: missing: the first paragraph of the body stands in as the standfirst and the description',
      'test/fixtures/editors/schedule/articles/published.md:5: jobs: warning: pinned job "closing-job" closed on 2016-06-18; it is no longer shown',
      '4 files checked (2 valid articles, 2 valid jobs): 0 errors in 0 files, 2 warnings',
    ]);
    expect(status).toBe(0);
  });

  it('refuses a folder that does not exist with status 2', async () => {
    const { status, lines } = await run('test/fixtures/no-such-folder');
    expect(lines).toEqual([`check: ${path.resolve('test/fixtures/no-such-folder')} is not a folder`]);
    expect(status).toBe(2);
  });

  it('exits 1 as a separate process on errors and 0 on warnings only, as a pre-commit hook or CI sees it', () => {
    const spawnCheck = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/check.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    const failing = spawnCheck('test/fixtures/check', '--now', '2016-06-15T12:00Z');
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('test/fixtures/check/articles/bad-date.md:3: date: expected a date');
    expect(failing.stdout.trim().split('\n').at(-1)).toBe('12 files checked (6 valid articles, 2 valid jobs): 5 errors in 5 files, 10 warnings');
    const passing = spawnCheck('test/fixtures/editors/schedule', '--now', '2016-06-19T12:00Z');
    expect(passing.status).toBe(0);
    expect(passing.stdout).toContain('0 errors in 0 files, 2 warnings');
  }, 60_000);

  it.each([
    ['Childrens services', "children's services"],
    ['Children’s Services', "children's services"],
    ['OFSTED', 'Ofsted'],
    ['Health & social care', 'health and social care'],
  ])('folds %s and %s to one tag', (a, b) => {
    expect(foldTag(a)).toBe(foldTag(b));
  });

  it('keeps different tags apart', () => {
    expect(foldTag('children')).not.toBe(foldTag('childrens services'));
  });
});
