/**
 * One content file's text to one record, or the problems that keep it out.
 * Pure: no file system, no clock.
 */
import { withBodyBytes } from './compact-text.js';
import { endOfDay } from './dates.js';
import { FrontMatterError, parseFrontMatter, type FrontMatter } from './front-matter.js';
import { firstParagraph, firstParagraphWithin, markdownToText, truncateText } from './markdown-text.js';
import { ARTICLE_FIELDS, AUTHOR_FIELDS, JOB_FIELDS, articleSchema, authorSchema, jobSchema, validate, type FieldProblem } from './schemas.js';
import { isValidSlug, slugify } from './slug.js';
import type { Article, Author, ContentProblem, Job, NamedRef, SiteSettings } from './types.js';

export type ContentKind = 'article' | 'job' | 'author';
export type ContentRecord = Article | Job | Author;

export interface ParseResult<T extends ContentRecord = ContentRecord> {
  record?: T;
  problems: ContentProblem[];
}

/** Files over this size are refused: no editor writes a 2 MB article, and parsing one would stall a reload. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ParseOptions {
  /**
   * false: an article gets its body as `bodyBytes` (UTF-8) instead of the
   * `body` and `text` properties, for a worker thread to hand over (see parallel-read.ts).
   */
  compact?: boolean;
  /**
   * An article's body as bytes, when `text` holds only the front-matter block
   * (see splitArticleBytes): the body is then never decoded whole at load.
   */
  body?: ArticleBodyBytes;
}

export interface ArticleBodyBytes {
  bytes: Buffer;
}

/** How much of a body is decoded to find its first paragraph (when there is no summary)... */
const PREVIEW_BYTES = 8192;
/** ...after a first look at less, which is enough when a blank line ends the first paragraph within it. */
const FIRST_LOOK_BYTES = 1024;

/** The first paragraph of the first PREVIEW_BYTES of a body. */
function firstParagraphOfBytes(bytes: Buffer): string {
  if (bytes.length > FIRST_LOOK_BYTES) {
    const found = firstParagraphWithin(bytes.toString('utf8', 0, FIRST_LOOK_BYTES));
    if (found !== undefined) return found;
  }
  return firstParagraph(bytes.toString('utf8', 0, Math.min(bytes.length, PREVIEW_BYTES)));
}

/**
 * An article file whose front matter is closed, split into the front-matter
 * block (decoded) and the body (left as bytes); undefined for anything else
 * (binary, no front matter, unclosed), which takes the ordinary path.
 */
export function splitArticleBytes(bytes: Buffer): { head: string; body: ArticleBodyBytes } | undefined {
  if (bytes.includes(0)) return undefined;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const opening = /^---[ \t]*\r?\n/.exec(bytes.toString('latin1', start, start + 8));
  if (!opening) return undefined;
  let search = start + opening[0].length - 1;
  for (;;) {
    const fence = bytes.indexOf('\n---', search);
    if (fence < 0) return undefined;
    const lineEnd = bytes.indexOf(0x0a, fence + 4);
    const rest = bytes.toString('latin1', fence + 4, lineEnd < 0 ? bytes.length : lineEnd);
    if (/^[ \t]*\r?$/.test(rest)) {
      const bodyStart = lineEnd < 0 ? bytes.length : lineEnd + 1;
      return { head: bytes.toString('utf8', start, bodyStart), body: { bytes: bytes.subarray(bodyStart) } };
    }
    search = fence + 1;
  }
}

export function parseContentFile(kind: ContentKind, file: string, text: string, site: SiteSettings, options: ParseOptions = {}): ParseResult {
  const problem = (field: string, message: string, line?: number): ContentProblem => ({ file, field, message, severity: 'error', ...(line ? { line } : {}) });
  if (text.includes('\u0000')) return { problems: [problem('file', 'not a text file (it contains binary data)')] };
  if (!text.trim()) return { problems: [problem('file', 'the file is empty')] };
  let frontMatter: FrontMatter;
  try {
    frontMatter = parseFrontMatter(text);
  } catch (error) {
    const line = error instanceof FrontMatterError ? error.line : undefined;
    return { problems: [problem('front matter', error instanceof Error ? error.message : String(error), line)] };
  }
  if (frontMatter.keyLines.size === 0 && !/^\uFEFF?---/.test(text)) {
    return { problems: [problem('front matter', 'missing: the file must start with a "---" line, then fields such as "title:", then "---"')] };
  }
  const fileSlug = slugFromFileName(file);
  switch (kind) {
    case 'article':
      return toArticle(file, fileSlug, frontMatter, site, problem, options);
    case 'job':
      return toJob(file, fileSlug, frontMatter, site, problem);
    case 'author':
      return toAuthor(file, frontMatter, problem);
  }
}

type MakeProblem = (field: string, message: string, line?: number) => ContentProblem;

/** Schemas are built once per time zone, not per file: building a zod schema costs more than using it. */
const schemas = new Map<(timezone: string) => unknown, Map<string, unknown>>();
function schemaFor<S>(make: (timezone: string) => S, timezone: string): S {
  let byZone = schemas.get(make);
  if (!byZone) schemas.set(make, (byZone = new Map()));
  let schema = byZone.get(timezone) as S | undefined;
  if (!schema) byZone.set(timezone, (schema = make(timezone)));
  return schema;
}

function toArticle(file: string, fileSlug: string, fm: FrontMatter, site: SiteSettings, problem: MakeProblem, options: ParseOptions): ParseResult<Article> {
  const result = validate(schemaFor(articleSchema, site.timezone), fm.data, ARTICLE_FIELDS);
  if (!result.ok) return { problems: [...fieldProblems(result.problems, fm, problem), ...unknownKeyWarnings(result.unknownKeys, fm, problem)] };
  const data = result.value;
  const slug = data.slug ?? fileSlug;
  if (!isValidSlug(slug)) return { problems: [slugProblem(fileSlug, problem)] };
  const bodyBytes = options.body?.bytes ?? Buffer.from(fm.body, 'utf8');
  const summary = data.summary ?? (options.body ? firstParagraphOfBytes(options.body.bytes) : firstParagraph(fm.body));
  const authorNames = data.authors ?? (data.author ? [data.author] : []);
  const article: Omit<Article, 'body' | 'text' | 'readingMinutes'> = {
    kind: 'article',
    slug,
    file,
    title: data.title,
    date: data.date.date,
    ...(data.updated ? { updated: data.updated.date } : {}),
    authors: namedRefs(authorNames),
    ...(data.publication ? { publication: data.publication } : {}),
    summary,
    hasStandfirst: data.summary !== undefined,
    tags: namedRefs(data.tags ?? []),
    places: unique(data.places ?? []),
    ...(data.image ? { image: data.image, imageAlt: data.image_alt ?? '' } : {}),
    comments: data.comments ?? false,
    draft: data.draft ?? false,
    jobs: unique(data.jobs ?? []),
    aliases: unique(data.aliases ?? []),
    ...(data.canonical ? { canonical: data.canonical } : {}),
  };
  // Body and plain text are held compactly (UTF-8 bytes; the text made again on demand): see compact-text.ts.
  const record = options.compact === false ? ({ ...detached(article), bodyBytes } as unknown as Article) : withBodyBytes(detached(article), bodyBytes);
  return { record, problems: unknownKeyWarnings(result.unknownKeys, fm, problem) };
}

function toJob(file: string, fileSlug: string, fm: FrontMatter, site: SiteSettings, problem: MakeProblem): ParseResult<Job> {
  const result = validate(schemaFor(jobSchema, site.timezone), fm.data, JOB_FIELDS);
  if (!result.ok) return { problems: [...fieldProblems(result.problems, fm, problem), ...unknownKeyWarnings(result.unknownKeys, fm, problem)] };
  const data = result.value;
  const slug = data.slug ?? fileSlug;
  if (!isValidSlug(slug)) return { problems: [slugProblem(fileSlug, problem)] };
  const text = markdownToText(fm.body);
  const closes = data.closes ? (data.closes.dateOnly ? endOfDay(data.closes.date, site.timezone) : data.closes.date) : undefined;
  const job: Job = {
    kind: 'job',
    slug,
    file,
    title: data.title,
    employer: data.employer,
    location: data.location,
    salary: data.salary,
    ...(data.salary_min !== undefined ? { salaryMin: data.salary_min } : {}),
    ...(data.salary_max !== undefined ? { salaryMax: data.salary_max } : {}),
    ...(data.hours ? { hours: data.hours } : {}),
    ...(data.contract ? { contract: data.contract } : {}),
    recruiter: data.recruiter ?? data.employer,
    posted: data.posted.date,
    ...(closes && data.closes ? { closes, closing: data.closes } : {}),
    ...(data.apply_url ? { applyUrl: data.apply_url } : {}),
    tags: namedRefs(data.tags ?? []),
    summary: data.summary ?? truncateText(text, 300),
    body: fm.body,
    text,
  };
  return { record: job, problems: unknownKeyWarnings(result.unknownKeys, fm, problem) };
}

function toAuthor(file: string, fm: FrontMatter, problem: MakeProblem): ParseResult<Author> {
  const result = validate(authorSchema, fm.data, AUTHOR_FIELDS);
  if (!result.ok) return { problems: [...fieldProblems(result.problems, fm, problem), ...unknownKeyWarnings(result.unknownKeys, fm, problem)] };
  const { name, role } = result.value;
  const slug = slugify(name);
  if (!slug) return { problems: [problem('name', 'must contain letters or digits', fm.keyLines.get('name'))] };
  const author: Author = { kind: 'author', slug, file, name, ...(role ? { role } : {}), body: fm.body };
  return { record: author, problems: unknownKeyWarnings(result.unknownKeys, fm, problem) };
}

/**
 * Copies the strings of a record's fields: a value the YAML parser hands over
 * can be a slice of the whole file's text, which would keep all of the file
 * in memory for as long as the record lives.
 */
function detached<T extends object>(record: T): T {
  const copy = (value: unknown): unknown => {
    if (typeof value === 'string') return value.length > 12 ? (' ' + value).slice(1) : value;
    if (Array.isArray(value)) return value.map(copy);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, field] of Object.entries(value)) (value as Record<string, unknown>)[key] = copy(field);
    }
    return value;
  };
  return copy(record) as T;
}

function fieldProblems(problems: FieldProblem[], fm: FrontMatter, problem: MakeProblem): ContentProblem[] {
  return problems.map(({ field, message }) => problem(field, message, fm.keyLines.get(field.split(/[.[]/)[0] ?? field)));
}

function unknownKeyWarnings(keys: string[], fm: FrontMatter, problem: MakeProblem): ContentProblem[] {
  return keys.map((key) => ({ ...problem(key, 'unknown field, ignored (is it misspelt?)', fm.keyLines.get(key)), severity: 'warning' as const }));
}

function slugProblem(fileSlug: string, problem: MakeProblem): ContentProblem {
  return problem('slug', `the file name "${fileSlug}" is not a valid slug (lower-case a-z, 0-9 and "-"): rename the file or set slug`);
}

function slugFromFileName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, '');
}

/** Names to refs, dropping repeats (two spellings of one slug keep the first). */
export function namedRefs(names: readonly string[]): NamedRef[] {
  const seen = new Set<string>();
  const refs: NamedRef[] = [];
  for (const name of names) {
    const slug = slugOfName(name);
    if (!slug || seen.has(slug)) continue;
    seen.add(slug);
    refs.push({ name, slug });
  }
  return refs;
}

/** Slugs of tag and author names, kept: an archive repeats a few hundred names thousands of times. */
const nameSlugs = new Map<string, string>();

function slugOfName(name: string): string {
  let slug = nameSlugs.get(name);
  if (slug === undefined) {
    if (nameSlugs.size >= 50_000) nameSlugs.clear();
    // A copy of the name as the key: the name may be a slice of a whole file's text.
    nameSlugs.set((' ' + name).slice(1), (slug = slugify(name)));
  }
  return slug;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
