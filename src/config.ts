/** Process configuration from the environment, validated once at start-up. */
import path from 'node:path';
import { z } from 'zod';

export interface Config {
  port: number;
  contentDir: string;
  /** Overrides site.yaml's `url` when set. */
  siteUrl?: string;
  /** PREVIEW=1: drafts and scheduled articles are served, with a banner and noindex. */
  preview: boolean;
  production: boolean;
  logLevel: string;
  /** Where runtime data (newsletter database, outbox) lives. */
  dataDir: string;
  /** WEB_CONCURRENCY: worker processes (node:cluster); 1 serves from the main process. */
  webConcurrency: number;
  /** LOG_BUFFER_MB: log output waiting for stdout, in bytes, beyond which lines are dropped (see src/logging.ts). */
  logBufferBytes: number;
  /** PAGE_CACHE_MB: memory budget of the rendered-page cache, in bytes (see src/web/page-cache.ts). */
  pageCacheBytes: number;
  /** HSTS=1: the site is only ever served over HTTPS (behind a TLS proxy); sends Strict-Transport-Security. */
  hsts: boolean;
  /**
   * TRUST_PROXY: which proxies' X-Forwarded-For / -Proto to believe (Express's `trust proxy`):
   * a hop count (`1` behind one nginx or CDN), or addresses and subnets (`loopback, 10.0.0.0/8`). Unset: none,
   * so the client address (rate limits, logs) is the connecting socket's.
   */
  trustProxy: number | string | false;
  /** SHUTDOWN_TIMEOUT (seconds): how long SIGTERM waits for requests in flight before cutting them off. */
  shutdownTimeoutMs: number;
  /** SMTP_URL: the newsletter's mail server; unset writes .eml files to DATA_DIR/outbox/. */
  smtpUrl?: string;
  /** MAIL_FROM: the newsletter's From address; unset means `Site name <newsletter@site-host>`. */
  mailFrom?: string;
  /** Sign-ups accepted per client IP in each window (NEWSLETTER_RATE_LIMIT, NEWSLETTER_RATE_WINDOW seconds). */
  newsletterRateLimit: { limit: number; windowMs: number };
}

const flag = z
  .string()
  .optional()
  .transform((value) => value !== undefined && /^(1|true|yes|on)$/i.test(value.trim()));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CONTENT_DIR: z.string().min(1).default('content'),
  SITE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'expected an absolute http(s) URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PREVIEW: flag,
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('data'),
  HSTS: flag,
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(\d{1,2}|[\w.:/, -]+)$/, 'expected a hop count such as 1, or addresses such as "loopback, 10.0.0.0/8"')
    .optional(),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(1),
  PAGE_CACHE_MB: z.coerce.number().min(0).max(65_536).default(256),
  LOG_BUFFER_MB: z.coerce.number().min(0.01).max(1024).default(8),
  SHUTDOWN_TIMEOUT: z.coerce.number().min(0.1).max(300).default(10),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'expected an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().max(300).optional().or(z.literal('').transform(() => undefined)),
  NEWSLETTER_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  NEWSLETTER_RATE_WINDOW: z.coerce.number().int().min(1).max(86_400).default(3600),
});

/** Reads the configuration; throws one error naming every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const values = result.data;
  return {
    port: values.PORT,
    contentDir: path.resolve(values.CONTENT_DIR),
    ...(values.SITE_URL ? { siteUrl: values.SITE_URL.replace(/\/+$/, '') } : {}),
    preview: values.PREVIEW,
    production: values.NODE_ENV === 'production',
    logLevel: values.LOG_LEVEL,
    dataDir: path.resolve(values.DATA_DIR),
    hsts: values.HSTS,
    trustProxy: !values.TRUST_PROXY || values.TRUST_PROXY === '0' ? false : /^\d+$/.test(values.TRUST_PROXY) ? Number(values.TRUST_PROXY) : values.TRUST_PROXY,
    webConcurrency: values.WEB_CONCURRENCY,
    pageCacheBytes: Math.round(values.PAGE_CACHE_MB * 1024 * 1024),
    logBufferBytes: Math.round(values.LOG_BUFFER_MB * 1024 * 1024),
    shutdownTimeoutMs: Math.round(values.SHUTDOWN_TIMEOUT * 1000),
    ...(values.SMTP_URL ? { smtpUrl: values.SMTP_URL } : {}),
    ...(values.MAIL_FROM ? { mailFrom: values.MAIL_FROM } : {}),
    newsletterRateLimit: { limit: values.NEWSLETTER_RATE_LIMIT, windowMs: values.NEWSLETTER_RATE_WINDOW * 1000 },
  };
}
