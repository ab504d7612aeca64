/**
 * Builds and sends today's news bulletin to every confirmed subscriber.
 *   npm run bulletin                      send (first finishing any bulletin a crashed run left unfinished)
 *   npm run bulletin -- --dry-run [--out PREFIX]   write PREFIX.html and PREFIX.txt; send and record nothing
 *   --now ISO-DATE                        build as at this moment instead of now
 * Exit code 1 when some messages could not be sent (run it again to retry them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { readConfig } from '../src/config.js';
import { loadContent } from '../src/content/load.js';
import { ContentStore } from '../src/content/store.js';
import { bulletinEmail, nextBulletin, runBulletins } from '../src/newsletter/bulletin-run.js';
import { openDatabase } from '../src/newsletter/database.js';
import { createEmailRenderer } from '../src/newsletter/emails.js';
import { unsubscribeUrl } from '../src/newsletter/links.js';
import { openNewsletterParts } from '../src/newsletter/service.js';
import { createProgress } from '../src/newsletter/progress.js';

/** The email templates (not imported from app.ts, which would load the whole web app). */
const VIEWS_DIR = path.resolve(import.meta.dirname, '../views');

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, out: { type: 'string' }, now: { type: 'string' } } });
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) throw new Error(`--now: not a date: ${values.now}`);

const config = readConfig();
const logger = pino({ level: config.logLevel }, pino.destination(2));
const snapshot = await loadContent(config.contentDir, config.siteUrl ? { siteUrl: config.siteUrl } : {});
const view = new ContentStore(snapshot).view(now);

if (values['dry-run']) {
  const db = openDatabase(config.dataDir);
  const content = nextBulletin(db, view, now);
  db.close();
  if (!content) {
    console.log('Nothing published since the last bulletin: there is no bulletin to send.');
    process.exit(0);
  }
  const parts = bulletinEmail(createEmailRenderer(VIEWS_DIR), content, unsubscribeUrl(view.site, 'DRY-RUN'));
  const prefix = path.resolve(values.out ?? path.join(config.dataDir, 'bulletins', `dry-run-${now.toISOString().slice(0, 10)}`));
  mkdirSync(path.dirname(prefix), { recursive: true });
  writeFileSync(`${prefix}.html`, parts.html);
  writeFileSync(`${prefix}.txt`, `Subject: ${parts.subject}\n\n${parts.text}`);
  console.log(`Dry run: "${parts.subject}", ${content.articles.length} articles and ${content.jobs.length} jobs; nothing sent.\n  ${prefix}.html\n  ${prefix}.txt`);
  process.exit(0);
}

const { db, mailer, emails } = openNewsletterParts(config, { site: () => view.site, viewsDir: VIEWS_DIR, logger });
const progress = createProgress(process.stderr);
try {
  const runs = await runBulletins({
    db, mailer, emails, view, now,
    onStart: (bulletin, recipients) => progress.start(`Bulletin ${bulletin.id} (${bulletin.content.articles.length} articles)`, recipients),
    onDelivery: (outcome) => progress.tick(outcome),
  });
  progress.stop();
  if (!runs.length) console.log('Nothing published since the last bulletin: no bulletin sent.');
  for (const run of runs) {
    console.log(`Bulletin ${run.bulletinId}${run.resumed ? ' (resumed)' : ''}: ${run.sent} sent, ${run.failed} failed, ${run.rejected} rejected; ${run.finished ? 'finished' : 'NOT finished: run again to retry'}`);
  }
  process.exitCode = runs.every((run) => run.finished) ? 0 : 1;
} finally {
  mailer.close();
  db.close();
}
