/**
 * The real app on the newsletter fixture, with a real SQLite file in a temp
 * DATA_DIR, a loopback SMTP server and a clock the test moves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { VIEWS_DIR } from '../../../src/app.js';
import { runBulletins, type BulletinRun, type BulletinRunDeps } from '../../../src/newsletter/bulletin-run.js';
import { openNewsletter, openNewsletterParts, type NewsletterService } from '../../../src/newsletter/service.js';
import { FIXTURES, testApp, type TestApp } from '../../support/app.js';
import { startSmtp, type TestSmtp } from './smtp.js';

export const SITE = 'https://news.example.org';
/** 07:00 on 5 March 2024: two stories in the last 24 hours, one older, one later that day. */
export const T0 = new Date('2024-03-05T07:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;

export interface Harness extends TestApp {
  smtp: TestSmtp;
  dataDir: string;
  clock: { now: Date };
  newsletter: NewsletterService;
  /** POST /newsletter from a page of the site. */
  signUp(fields: Record<string, string>, headers?: Record<string, string>): request.Test;
  /** Sends the bulletin the way `npm run bulletin` does, on its own database connection. */
  bulletin(options?: Partial<BulletinRunDeps>): Promise<BulletinRun[]>;
  close(): Promise<void>;
}

export async function newsletterHarness(env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const smtp = await startSmtp();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'newsletter-test-'));
  const clock = { now: T0 };
  let newsletter: NewsletterService | undefined;
  const t = await testApp({
    contentDir: path.join(FIXTURES, 'newsletter'),
    now: () => clock.now,
    env: { DATA_DIR: dataDir, SMTP_URL: smtp.url, ...env },
    newsletter: ({ config, store, now }) => (newsletter = openNewsletter(config, { site: () => store.snapshot.site, viewsDir: VIEWS_DIR, now })),
  });
  return {
    ...t,
    smtp,
    dataDir,
    clock,
    newsletter: newsletter!,
    signUp: (fields, headers = { Origin: SITE }) => request(t.app).post('/newsletter').set(headers).type('form').send(fields),
    async bulletin(options = {}) {
      const parts = openNewsletterParts(t.config, { site: () => t.store.snapshot.site, viewsDir: VIEWS_DIR });
      try {
        return await runBulletins({ ...parts, view: t.store.view(clock.now), now: clock.now, ...options });
      } finally {
        parts.mailer.close();
        parts.db.close();
      }
    },
    async close() {
      await newsletter!.close();
      await smtp.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The path and query of an absolute link on the site, for supertest. */
export function sitePath(link: string): string {
  const url = new URL(link);
  if (url.origin !== SITE) throw new Error(`not a link to the site: ${link}`);
  return url.pathname + url.search;
}

export const linkTo = (links: string[], pathname: string): string => {
  const link = links.find((candidate) => new URL(candidate).pathname === pathname);
  if (!link) throw new Error(`no ${pathname} link in ${links.join(', ')}`);
  return link;
};
