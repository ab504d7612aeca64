/** site.yaml: every key optional, every bad value reported and replaced by its default. */
import { z } from 'zod';
import { isValidTimezone } from './dates.js';
import { FrontMatterError, parseYaml } from './front-matter.js';
import type { ContentProblem, SiteSettings } from './types.js';

export const DEFAULT_SITE: SiteSettings = {
  name: 'News',
  url: 'http://localhost:3000',
  description: '',
  language: 'en-GB',
  timezone: 'Europe/London',
  perPage: 20,
  jobs: { heading: 'Jobs', count: 5 },
  newsletter: { heading: 'Sign up', text: '' },
};

const str = z.string().trim();
const FIELDS: Record<string, z.ZodType> = {
  name: str.min(1).max(100),
  url: str.regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'expected an absolute http(s) URL'),
  description: str.max(500),
  language: str.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a language tag such as en-GB'),
  timezone: str.refine(isValidTimezone, 'expected an IANA time zone such as Europe/London'),
  perPage: z.number().int().min(1).max(100),
  'jobs.heading': str.min(1).max(100),
  'jobs.count': z.number().int().min(0).max(20),
  'newsletter.heading': str.min(1).max(100),
  'newsletter.text': str.max(500),
};

/**
 * Reads site.yaml's text (undefined when there is no file). `siteUrl`, from
 * the SITE_URL environment variable, overrides `url`.
 */
export function parseSiteSettings(file: string, text: string | undefined, siteUrl?: string): { site: SiteSettings; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const keyLines = new Map<string, number>();
  let data: Record<string, unknown> = {};
  if (text !== undefined) {
    try {
      data = parseYaml(text.replace(/^\uFEFF/, ''), keyLines);
    } catch (error) {
      const line = error instanceof FrontMatterError ? error.line : undefined;
      problems.push({ file, field: 'site.yaml', message: `${(error as Error).message}; using defaults`, severity: 'error', ...(line ? { line } : {}) });
    }
  }
  const flat = flatten(data);
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const schema = FIELDS[key];
    const line = keyLines.get(key.split('.')[0] ?? key);
    if (!schema) {
      problems.push({ file, field: key, message: 'unknown setting, ignored', severity: 'warning', ...(line ? { line } : {}) });
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) values[key] = result.data;
    else problems.push({ file, field: key, message: `${result.error.issues[0]?.message ?? 'invalid'}; using the default`, severity: 'error', ...(line ? { line } : {}) });
  }
  const get = <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
  const site: SiteSettings = {
    name: get('name', DEFAULT_SITE.name),
    url: (siteUrl ?? get('url', DEFAULT_SITE.url)).replace(/\/+$/, ''),
    description: get('description', DEFAULT_SITE.description),
    language: get('language', DEFAULT_SITE.language),
    timezone: get('timezone', DEFAULT_SITE.timezone),
    perPage: get('perPage', DEFAULT_SITE.perPage),
    jobs: { heading: get('jobs.heading', DEFAULT_SITE.jobs.heading), count: get('jobs.count', DEFAULT_SITE.jobs.count) },
    newsletter: { heading: get('newsletter.heading', DEFAULT_SITE.newsletter.heading), text: get('newsletter.text', DEFAULT_SITE.newsletter.text) },
  };
  return { site, problems };
}

function flatten(data: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const name = prefix + key;
    if (value && typeof value === 'object' && !Array.isArray(value) && (key === 'jobs' || key === 'newsletter') && !prefix) Object.assign(out, flatten(value as Record<string, unknown>, `${name}.`));
    else out[name] = value;
  }
  return out;
}
