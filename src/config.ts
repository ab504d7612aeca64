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
  };
}
