/**
 * Sends the bulletin to every confirmed subscriber, crash-safely: the
 * bulletin is stored before the first email, each delivery is recorded, and a
 * run first finishes any bulletin an earlier run left unfinished. A re-run
 * never sends to a subscriber already recorded `sent`, and never skips one
 * that is not. The only doubt is a crash between the mail server accepting a
 * message and the `sent` record (milliseconds): that email is sent again, with
 * the same Message-ID, so mail systems can recognise the duplicate.
 */
import type { SiteView } from '../content/site-view.js';
import { buildBulletin, bulletinWindow, type BulletinContent } from './bulletin.js';
import { createBulletinRepository, type BulletinRepository, type Recipient, type StoredBulletin } from './bulletins.js';
import type { Db } from './database.js';
import type { EmailParts, EmailRenderer } from './emails.js';
import { listHeaders, siteHost, unsubscribeUrl } from './links.js';
import type { Mailer } from './mailer.js';
import { createSubscriberRepository } from './subscribers.js';

export type DeliveryOutcome = 'sent' | 'failed' | 'rejected';

export interface BulletinRunDeps {
  db: Db;
  mailer: Mailer;
  emails: EmailRenderer;
  view: SiteView;
  now: Date;
  /** Messages in flight at once. */
  concurrency?: number;
  /** Stop the run after this many failures in a row (the mail server is down). */
  maxConsecutiveFailures?: number;
  onStart?: (bulletin: StoredBulletin, recipients: number) => void;
  onDelivery?: (outcome: DeliveryOutcome, recipient: Recipient) => void;
}

export interface BulletinRun {
  bulletinId: number;
  resumed: boolean;
  articles: number;
  recipients: number;
  sent: number;
  failed: number;
  rejected: number;
  /** Every confirmed subscriber has it (or was given up on): the next run builds a new bulletin. */
  finished: boolean;
}

/** Finishes an unfinished bulletin if there is one, then sends a new one if there is anything new. */
export async function runBulletins(deps: BulletinRunDeps): Promise<BulletinRun[]> {
  const repo = repository(deps.db);
  const runs: BulletinRun[] = [];
  const unfinished = repo.unfinished();
  if (unfinished) {
    runs.push(await deliver(deps, repo, unfinished, true));
    if (!runs[0]!.finished) return runs;
  }
  const content = nextBulletin(deps.db, deps.view, deps.now);
  if (!content) return runs;
  const window = bulletinWindow(fromMs(repo.lastUntil()), deps.now);
  runs.push(await deliver(deps, repo, repo.create(content, window.since.getTime(), window.until.getTime(), deps.now.getTime()), false));
  return runs;
}

/** What the next run would send (the unfinished bulletin, or a new one); undefined when there is nothing new. */
export function nextBulletin(db: Db, view: SiteView, now: Date): BulletinContent | undefined {
  const repo = repository(db);
  const unfinished = repo.unfinished();
  if (unfinished) return unfinished.content;
  const content = buildBulletin(view, bulletinWindow(fromMs(repo.lastUntil()), now));
  return content.articles.length ? content : undefined;
}

/** One bulletin's email for one reader. */
export function bulletinEmail(emails: EmailRenderer, content: BulletinContent, unsubscribe: string): EmailParts {
  return emails.bulletin({ bulletin: content, unsubscribeUrl: unsubscribe });
}

async function deliver(deps: BulletinRunDeps, repo: BulletinRepository, bulletin: StoredBulletin, resumed: boolean): Promise<BulletinRun> {
  const { site } = deps.view;
  const now = deps.now.getTime();
  const queue = repo.due(bulletin.id);
  const run: BulletinRun = { bulletinId: bulletin.id, resumed, articles: bulletin.content.articles.length, recipients: queue.length, sent: 0, failed: 0, rejected: 0, finished: false };
  deps.onStart?.(bulletin, queue.length);
  let consecutiveFailures = 0;
  const limit = deps.maxConsecutiveFailures ?? 5;

  const sendOne = async (recipient: Recipient): Promise<void> => {
    const url = unsubscribeUrl(site, repo.claim(bulletin.id, recipient.id, now).token);
    const parts = bulletinEmail(deps.emails, bulletin.content, url);
    let outcome: DeliveryOutcome = 'sent';
    try {
      await deps.mailer.send({ to: recipient.email, ...parts, headers: listHeaders(url), messageId: `<bulletin-${bulletin.id}-${recipient.id}@${siteHost(site)}>` });
      repo.settle(bulletin.id, recipient.id, now, 'sent');
      consecutiveFailures = 0;
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      outcome = typeof code === 'number' && code >= 500 ? 'rejected' : 'failed';
      repo.settle(bulletin.id, recipient.id, now, outcome, error instanceof Error ? error.message.slice(0, 500) : String(error));
      consecutiveFailures++;
    }
    run[outcome]++;
    deps.onDelivery?.(outcome, recipient);
  };

  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next && consecutiveFailures < limit; next = queue.shift()) await sendOne(next);
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 5) }, worker));

  run.finished = repo.due(bulletin.id).length === 0;
  if (run.finished) repo.finish(bulletin.id, now);
  return run;
}

function repository(db: Db): BulletinRepository {
  const subscribers = createSubscriberRepository(db);
  return createBulletinRepository(db, subscribers.issueUnsubscribeToken);
}

const fromMs = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));
