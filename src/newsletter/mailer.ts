/**
 * Sends email with nodemailer: through SMTP_URL when it is set (a pool of a
 * few connections), otherwise into `.eml` files in the outbox folder, so the
 * whole flow can be followed on a laptop with no mail server.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as Nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { lazyModule } from '../lazy-module.js';

/** Loaded when the first email is sent, not at start-up; so is each mailer's transport. */
const nodemailer = lazyModule<typeof Nodemailer>('nodemailer');

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** A stable Message-ID (`<id@host>`): a resend after a crash carries the same one, so mail systems can drop the duplicate. */
  messageId?: string;
}

export interface Mailer {
  /** Where mail goes: `smtp://host:port` (no credentials) or the outbox folder. */
  readonly destination: string;
  /** Resolves once the SMTP server accepted the message (or the file is written); rejects otherwise. */
  send(email: OutgoingEmail): Promise<{ file?: string }>;
  close(): void;
}

export interface MailerOptions {
  from: string;
  smtpUrl?: string;
  /** Used when smtpUrl is unset. */
  outboxDir: string;
  logger?: Logger;
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options.from) : outboxMailer(options.outboxDir, options.from, options.logger);
}

function smtpMailer(url: string, from: string): Mailer {
  let transport: Nodemailer.Transporter | undefined;
  const transportOf = () => (transport ??= nodemailer().createTransport({ url, pool: true, maxConnections: 5, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 }));
  const { protocol, host } = new URL(url);
  return {
    destination: `${protocol}//${host}`,
    async send(email) {
      await transportOf().sendMail({ from, ...email });
      return {};
    },
    close: () => transport?.close(),
  };
}

function outboxMailer(dir: string, from: string, logger?: Logger): Mailer {
  let transport: Nodemailer.Transporter | undefined;
  const transportOf = () => (transport ??= nodemailer().createTransport({ streamTransport: true, buffer: true, newline: 'unix' }));
  return {
    destination: dir,
    async send(email) {
      const info = await transportOf().sendMail({ from, ...email });
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer);
      logger?.info({ to: email.to, file }, `email written to ${file}`);
      return { file };
    },
    close: () => transport?.close(),
  };
}
