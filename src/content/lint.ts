/**
 * Warnings for content that is legal but probably a mistake, for the
 * checker (`npm run check`): a missing standfirst, alt text that does not
 * describe the picture, a tag spelled two ways, a pinned job that has closed,
 * an alias that hides a live page, an article dated more than a year ahead.
 * Pure: the clock and the line lookup are passed in.
 */
import type { ContentSnapshot } from './snapshot.js';
import type { Article, ContentProblem, Job } from './types.js';

export interface LintContext {
  now: Date;
  /** The line of a front-matter key in a file, when it can be found. */
  lineOf?: (file: string, field: string) => number | undefined;
}

const YEAR_MS = 365 * 24 * 3600_000;
/** Site paths that are not made from content (CONTENT-FORMAT "Public URLs"). */
const FIXED_PATHS = ['/', '/jobs', '/search', '/feed.xml', '/atom.xml', '/sitemap.xml', '/news-sitemap.xml', '/robots.txt', '/healthz', '/newsletter'];
const VAGUE_ALT = /^(image|img|photo|picture|pic|graphic|untitled|alt|placeholder|\S+\.(jpe?g|png|gif|webp|avif|svg))$/i;

export function lintContent(snapshot: ContentSnapshot, context: LintContext): ContentProblem[] {
  const warn = (file: string, field: string, message: string): ContentProblem => {
    const line = context.lineOf?.(file, field);
    return { file, field, message, severity: 'warning', ...(line ? { line } : {}) };
  };
  const live = livePaths(snapshot);
  const day = localDay(snapshot.site.timezone);
  return [
    ...snapshot.articles.flatMap((article) => [
      ...articleWarnings(article, context.now, day, warn),
      ...closedPinnedJobs(article, snapshot.jobBySlug, context.now, day, warn),
      ...aliasClashes(article, live, warn),
    ]),
    ...tagSpellings([...snapshot.articles, ...snapshot.jobs], warn),
  ];
}

type Warn = (file: string, field: string, message: string) => ContentProblem;
type Day = (date: Date) => string;

/** A date as YYYY-MM-DD in the site's zone. */
function localDay(timezone: string): Day {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (date) => format.format(date);
}

function articleWarnings(article: Article, now: Date, day: Day, warn: Warn): ContentProblem[] {
  const warnings: ContentProblem[] = [];
  if (!article.hasStandfirst) warnings.push(warn(article.file, 'summary', 'missing: the first paragraph of the body stands in as the standfirst and the description'));
  if (article.image && VAGUE_ALT.test(article.imageAlt?.trim() ?? '')) warnings.push(warn(article.file, 'image_alt', `"${article.imageAlt}" does not describe the picture for readers who cannot see it`));
  if (article.date.getTime() > now.getTime() + YEAR_MS) warnings.push(warn(article.file, 'date', `${day(article.date)} is more than a year ahead: is the year right?`));
  return warnings;
}

function closedPinnedJobs(article: Article, jobs: ReadonlyMap<string, Job>, now: Date, day: Day, warn: Warn): ContentProblem[] {
  return article.jobs.flatMap((slug) => {
    const job = jobs.get(slug);
    if (!job?.closes || job.closes > now) return [];
    return [warn(article.file, 'jobs', `pinned job "${slug}" closed on ${day(job.closing?.date ?? job.closes)}; it is no longer shown`)];
  });
}

/** Every path the site serves from content, besides the fixed ones. */
function livePaths(snapshot: ContentSnapshot): Set<string> {
  const paths = new Set(FIXED_PATHS);
  for (const article of snapshot.articles) {
    paths.add(`/news/${article.slug}`);
    for (const tag of article.tags) paths.add(`/tags/${tag.slug}`);
    for (const author of article.authors) paths.add(`/authors/${author.slug}`);
  }
  for (const job of snapshot.jobs) paths.add(`/jobs/${job.slug}`);
  for (const slug of snapshot.authors.keys()) paths.add(`/authors/${slug}`);
  return paths;
}

function aliasClashes(article: Article, live: ReadonlySet<string>, warn: Warn): ContentProblem[] {
  return article.aliases.flatMap((alias) => {
    if (live.has(alias) || /^\/(page\/\d+|assets\/.*)$/.test(alias) || /^\/(tags|authors)\/[^/]+\/(page\/\d+|feed\.xml)$/.test(alias)) {
      return [warn(article.file, 'aliases', `"${alias}" is a live address of the site: the redirect would hide that page`)];
    }
    const canonical = alias.toLowerCase().replace(/\/+$/, '') || '/';
    if (canonical !== alias) return [warn(article.file, 'aliases', `"${alias}" never matches: addresses are lower-case without a trailing slash; write "${canonical}"`)];
    return [];
  });
}

/** A tag written two ways (`Childrens services`, `children's services`): warned on each file using a less common spelling. */
function tagSpellings(records: ReadonlyArray<Article | Job>, warn: Warn): ContentProblem[] {
  const groups = new Map<string, Map<string, string[]>>();
  for (const record of records) {
    for (const tag of record.tags) {
      const spellings = groups.get(foldTag(tag.name)) ?? new Map<string, string[]>();
      groups.set(foldTag(tag.name), spellings.set(tag.name, [...(spellings.get(tag.name) ?? []), record.file]));
    }
  }
  const warnings: ContentProblem[] = [];
  for (const spellings of groups.values()) {
    if (spellings.size < 2) continue;
    const [preferred, preferredFiles] = [...spellings].sort(([a, fa], [b, fb]) => fb.length - fa.length || a.localeCompare(b))[0]!;
    for (const [name, files] of spellings) {
      if (name === preferred) continue;
      const count = `${preferredFiles.length} file${preferredFiles.length === 1 ? '' : 's'}`;
      for (const file of files) warnings.push(warn(file, 'tags', `"${name}" is spelled "${preferred}" elsewhere (${count}); use one spelling so the stories share a tag page`));
    }
  }
  return warnings;
}

/** Case, accents, apostrophes and punctuation folded away: `Children’s Services` → `childrensservices`. */
export function foldTag(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '');
}
