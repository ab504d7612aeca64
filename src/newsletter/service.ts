/**
 * The newsletter as the web app uses it: sign up (store, then send the
 * confirmation in the background), confirm, unsubscribe. Emails being sent
 * are tracked so a shutdown (or a test) can wait for them with `idle()`.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { SiteSettings } from '../content/types.js';
import { openDatabase, type Db } from './database.js';
import { createEmailRenderer, type EmailRenderer } from './emails.js';
import { confirmUrl, listHeaders, siteHost, unsubscribeUrl } from './links.js';
import { createMailer, type Mailer } from './mailer.js';
import { createSubscriberRepository, type ConfirmOutcome, type SignUpPolicy, type UnsubscribeOutcome } from './subscribers.js';

export interface NewsletterDeps {
  db: Db;
  mailer: Mailer;
  emails: EmailRenderer;
  /** The current site settings (they change when content reloads). */
  site: () => SiteSettings;
  now: () => Date;
  logger?: Logger;
  policy?: Partial<SignUpPolicy>;
}

export interface NewsletterService {
  /** Stores the (already normalised) address and sends a confirmation if one is due. Same outcome for every address. */
  signUp(email: string): void;
  confirm(token: unknown): ConfirmOutcome;
  unsubscribeState(token: unknown): UnsubscribeOutcome;
  unsubscribe(token: unknown): UnsubscribeOutcome;
  /** Resolves when every email started so far has been sent (or has failed and been logged). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;
export const DEFAULT_POLICY: SignUpPolicy = { confirmTtlMs: 48 * HOUR, resendAfterMs: 10 * 60 * 1000 };

export function createNewsletter(deps: NewsletterDeps): NewsletterService {
  const repo = createSubscriberRepository(deps.db);
  const policy = { ...DEFAULT_POLICY, ...deps.policy };
  const inFlight = new Set<Promise<void>>();
  const clock = () => deps.now().getTime();

  const sendConfirmation = async (email: string, subscriberId: number, token: string, now: number) => {
    const site = deps.site();
    const unsubscribe = unsubscribeUrl(site, repo.issueUnsubscribeToken(subscriberId, now).token);
    const parts = deps.emails.confirmation({
      siteName: site.name,
      siteUrl: site.url,
      confirmUrl: confirmUrl(site, token),
      unsubscribeUrl: unsubscribe,
      validHours: Math.round(policy.confirmTtlMs / HOUR),
    });
    await deps.mailer.send({ to: email, ...parts, headers: listHeaders(unsubscribe) });
  };

  return {
    signUp(email) {
      const now = clock();
      const result = repo.signUp(email, now, policy);
      if (!result.confirm) return;
      const sending: Promise<void> = sendConfirmation(email, result.subscriberId, result.confirm.token, now)
        .catch((error: unknown) => deps.logger?.error({ err: error, subscriber: result.subscriberId }, 'confirmation email not sent'))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    confirm: (token) => repo.confirm(token, clock()),
    unsubscribeState: (token) => repo.unsubscribeState(token),
    unsubscribe: (token) => repo.unsubscribe(token, clock()),
    async idle() {
      while (inFlight.size) await Promise.all(inFlight);
    },
    async close() {
      await this.idle();
      deps.mailer.close();
      deps.db.close();
    },
  };
}

/** The From address: MAIL_FROM, or the site's name at newsletter@ the site's host. */
export function fromAddress(config: Pick<Config, 'mailFrom'>, site: SiteSettings): string {
  return config.mailFrom ?? `"${site.name.replace(/["\\\r\n]/g, '')}" <newsletter@${siteHost(site)}>`;
}

export interface OpenOptions {
  site: () => SiteSettings;
  viewsDir: string;
  now?: () => Date;
  logger?: Logger;
}

/** Opens the database under DATA_DIR and the configured mailer: what server.ts and the scripts use. */
export function openNewsletterParts(config: Config, options: OpenOptions): { db: Db; mailer: Mailer; emails: EmailRenderer } {
  const db = openDatabase(config.dataDir);
  const mailer = createMailer({ from: fromAddress(config, options.site()), outboxDir: path.join(config.dataDir, 'outbox'), smtpUrl: config.smtpUrl, logger: options.logger });
  options.logger?.info({ database: db.name, mail: mailer.destination }, `newsletter: database ${db.name}; mail goes to ${mailer.destination}`);
  return { db, mailer, emails: createEmailRenderer(options.viewsDir) };
}

/** The service on the configured database and mailer. */
export function openNewsletter(config: Config, options: OpenOptions): NewsletterService {
  return createNewsletter({ ...openNewsletterParts(config, options), site: options.site, now: options.now ?? (() => new Date()), logger: options.logger });
}

/** A getter that opens the service on first use (createApp stays free of side effects). */
export function onFirstUse(open: () => NewsletterService): () => NewsletterService {
  let service: NewsletterService | undefined;
  return () => (service ??= open());
}
