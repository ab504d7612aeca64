/**
 * Front-matter schemas of CONTENT-FORMAT.md, in zod. Each returns either the
 * typed fields or every problem found, as `{ field, message }` pairs.
 */
import { z } from 'zod';
import { parseContentDate, type ParsedDate } from './dates.js';
import { isValidSlug } from './slug.js';

export interface FieldProblem {
  field: string;
  message: string;
}

export type SchemaResult<T> = ({ ok: true; value: T } | { ok: false; problems: FieldProblem[] }) & { unknownKeys: string[] };

/** Text: a string, or a number written without quotes (a title like `1984`). */
const text = (max?: number) => {
  const base = z.union([z.string(), z.number().transform(String)], { error: (issue) => expected('text', issue.input) });
  return base.pipe(
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(max ?? 100_000, `must be at most ${max} characters`),
  );
};

/** A list of texts; a single text is taken as a one-item list. */
const textList = (itemMax = 200) =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(text(itemMax), { error: (issue) => expected('a list', issue.input) }));

const absoluteUrl = text(2000).refine((value) => /^https?:\/\/[^\s/]+\.[^\s]*$|^https?:\/\/localhost(:\d+)?(\/\S*)?$/i.test(value), {
  message: 'expected an absolute http(s) URL',
});

const slug = text(200).refine(isValidSlug, { message: 'expected a slug: lower-case a-z, 0-9 and "-"' });

function dateField(timezone: string) {
  return z.unknown().transform((value, ctx): ParsedDate => {
    const parsed = typeof value === 'string' ? parseContentDate(value, timezone) : undefined;
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `${expected('a date like 2016-06-10 or 2016-06-10T09:30', value)}` });
      return z.NEVER;
    }
    return parsed;
  });
}

const imagePath = text(2000).refine((value) => /^(https?:\/\/|\/(?!\/))\S+$/i.test(value), {
  message: 'expected a path starting with "/" or an absolute http(s) URL',
});

const aliasPath = text(500).refine((value) => /^\/(?!\/)[^\s?#\\]*$/.test(value) && !value.split('/').includes('..'), {
  message: 'expected a path starting with "/", like /old/path',
});

const bool = z.boolean({ error: (issue) => expected('true or false', issue.input) });
const money = z.number({ error: (issue) => expected('a number of pounds a year, like 38220', issue.input) }).nonnegative('must not be negative');

/** Cross-field checks run even when single fields failed, so a file's problems are all reported at once. */
const ALWAYS = { when: () => true };

/** The Date of a field that parsed, or undefined (cross-field checks see raw values when a field failed). */
function parsedDate(value: unknown): Date | undefined {
  return value && typeof value === 'object' && 'date' in value && value.date instanceof Date ? value.date : undefined;
}

export function articleSchema(timezone: string) {
  const date = dateField(timezone);
  return z
    .object({
      title: text(200),
      slug: slug.optional(),
      date,
      updated: date.optional(),
      author: text(200).optional(),
      authors: textList().optional(),
      publication: text(200).optional(),
      summary: text(1000).optional(),
      tags: textList(100).optional(),
      places: textList(100).optional(),
      image: imagePath.optional(),
      image_alt: text(500).optional(),
      comments: bool.optional(),
      draft: bool.optional(),
      jobs: z.array(slug, { error: (issue) => expected('a list of job slugs', issue.input) }).optional(),
      aliases: z.array(aliasPath, { error: (issue) => expected('a list of paths', issue.input) }).optional(),
      canonical: absoluteUrl.optional(),
    })
    .superRefine((value, ctx) => {
      const date = parsedDate(value.date);
      const updated = parsedDate(value.updated);
      if (date && updated && updated < date) {
        ctx.addIssue({ code: 'custom', path: ['updated'], message: 'must not be before date' });
      }
      if (value.image !== undefined && value.image_alt === undefined) {
        ctx.addIssue({ code: 'custom', path: ['image_alt'], message: 'required when image is given (describe the picture)' });
      }
      if (value.author && value.authors) {
        ctx.addIssue({ code: 'custom', path: ['authors'], message: 'give either author or authors, not both' });
      }
    }, ALWAYS);
}

export function jobSchema(timezone: string) {
  const date = dateField(timezone);
  return z
    .object({
      title: text(200),
      slug: slug.optional(),
      employer: text(200),
      location: text(200),
      salary: text(200),
      salary_min: money.optional(),
      salary_max: money.optional(),
      hours: text(200).optional(),
      contract: text(200).optional(),
      recruiter: text(200).optional(),
      posted: date,
      closes: date.optional(),
      apply_url: absoluteUrl.optional(),
      tags: textList(100).optional(),
      summary: text(300).optional(),
    })
    .superRefine((value, ctx) => {
      const { salary_min: min, salary_max: max } = value;
      if (typeof min === 'number' && typeof max === 'number' && min > max) {
        ctx.addIssue({ code: 'custom', path: ['salary_max'], message: 'must not be less than salary_min' });
      }
      const posted = parsedDate(value.posted);
      const closes = parsedDate(value.closes);
      if (posted && closes && closes < posted) {
        ctx.addIssue({ code: 'custom', path: ['closes'], message: 'must not be before posted' });
      }
    }, ALWAYS);
}

export const authorSchema = z.object({ name: text(200), role: text(200).optional(), slug: slug.optional() });

/** Validates `data` and lists unknown top-level keys (likely typos) separately. */
export function validate<S extends z.ZodType>(schema: S, data: Record<string, unknown>, known: readonly string[]): SchemaResult<z.output<S>> {
  const result = schema.safeParse(data, { reportInput: true });
  const unknownKeys = Object.keys(data).filter((key) => !known.includes(key));
  if (!result.success) return { ok: false, problems: result.error.issues.map(toFieldProblem), unknownKeys };
  return { ok: true, value: result.data, unknownKeys };
}

export const ARTICLE_FIELDS = ['title', 'slug', 'date', 'updated', 'author', 'authors', 'publication', 'summary', 'tags', 'places', 'image', 'image_alt', 'comments', 'draft', 'jobs', 'aliases', 'canonical'] as const;
export const JOB_FIELDS = ['title', 'slug', 'employer', 'location', 'salary', 'salary_min', 'salary_max', 'hours', 'contract', 'recruiter', 'posted', 'closes', 'apply_url', 'tags', 'summary'] as const;
export const AUTHOR_FIELDS = ['name', 'role', 'slug'] as const;

function toFieldProblem(issue: z.core.$ZodIssue): FieldProblem {
  const field = issue.path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '') || 'front matter';
  const missing = issue.code === 'invalid_type' && issue.input === undefined && issue.path.length === 1;
  return { field, message: missing ? 'required' : issue.message };
}

function expected(what: string, input: unknown): string {
  if (input === undefined) return 'required';
  return `expected ${what}, got ${describe(input)}`;
}

function describe(input: unknown): string {
  if (input === null) return 'nothing';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  return String(input);
}
