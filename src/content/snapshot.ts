/**
 * A content snapshot: every valid record of one content version, checked
 * across files (duplicate slugs, aliases, pinned jobs) and sorted once.
 * Immutable: a reload builds a new one and swaps it in whole.
 */
import { createHash } from 'node:crypto';
import type { ContentRecord } from './parse.js';
import type { Article, Author, ContentProblem, Job, SiteSettings, Topic } from './types.js';

export interface ContentSnapshot {
  site: SiteSettings;
  /** Hash of every file's path and text: equal versions serve equal pages. */
  version: string;
  loadedAt: Date;
  /** Valid articles, drafts and scheduled ones included, newest first. */
  articles: readonly Article[];
  /** Valid jobs, closed and future ones included, newest posted first. */
  jobs: readonly Job[];
  authors: ReadonlyMap<string, Author>;
  articleBySlug: ReadonlyMap<string, Article>;
  jobBySlug: ReadonlyMap<string, Job>;
  /** Old path → article slug. */
  aliases: ReadonlyMap<string, string>;
  /** The editors' topic vocabulary (topics.yaml). */
  topics: readonly Topic[];
  problems: readonly ContentProblem[];
}

export interface SnapshotInput {
  site: SiteSettings;
  topics?: readonly Topic[];
  records: readonly ContentRecord[];
  problems: readonly ContentProblem[];
  /** Per-file fingerprints (path + content hash) that make up the version. */
  fingerprints: readonly string[];
  loadedAt: Date;
  /**
   * The snapshot this one replaces: when its articles or jobs are the very same
   * records in the same order, their arrays and maps are kept, so whatever is
   * cached per array (the jobs relevance index, search) survives the reload.
   */
  previous?: ContentSnapshot;
}

export function buildSnapshot(input: SnapshotInput): ContentSnapshot {
  const problems = [...input.problems];
  const articles = uniqueBySlug(input.records.filter((r): r is Article => r.kind === 'article'), 'article', problems);
  const jobs = uniqueBySlug(input.records.filter((r): r is Job => r.kind === 'job'), 'job', problems);
  const authors = new Map<string, Author>();
  for (const author of input.records.filter((r): r is Author => r.kind === 'author').sort(byFile)) {
    const existing = authors.get(author.slug);
    if (existing) problems.push(error(author.file, 'name', `another profile (${existing.file}) has the same name; this one is ignored`));
    else authors.set(author.slug, author);
  }
  articles.sort((a, b) => b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug));
  jobs.sort((a, b) => b.posted.getTime() - a.posted.getTime() || a.slug.localeCompare(b.slug));
  const previous = input.previous;
  const sameArticles = previous !== undefined && sameRecords(previous.articles, articles);
  const sameJobs = previous !== undefined && sameRecords(previous.jobs, jobs);
  const jobBySlug = sameJobs ? previous.jobBySlug : new Map(jobs.map((job) => [job.slug, job]));
  for (const article of articles) {
    for (const pinned of article.jobs) {
      if (!jobBySlug.has(pinned)) problems.push(error(article.file, 'jobs', `no job has the slug "${pinned}"; it is skipped`, 'warning'));
    }
  }
  const version = createHash('sha256')
    .update(JSON.stringify(input.site))
    .update(JSON.stringify(input.topics ?? []))
    .update([...input.fingerprints].sort().join('\n'))
    .digest('base64url')
    .slice(0, 16);
  return {
    site: input.site,
    version,
    loadedAt: input.loadedAt,
    articles: sameArticles ? previous.articles : articles,
    jobs: sameJobs ? previous.jobs : jobs,
    authors,
    articleBySlug: sameArticles ? previous.articleBySlug : new Map(articles.map((article) => [article.slug, article])),
    jobBySlug,
    aliases: collectAliases(articles, problems),
    topics: input.topics ?? [],
    problems: problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)),
  };
}

/**
 * Two published files with one slug: both are reported and neither is served.
 * A draft that shares a published article's slug is reported and left out.
 */
function uniqueBySlug<T extends Article | Job>(records: T[], noun: string, problems: ContentProblem[]): T[] {
  const bySlug = new Map<string, T[]>();
  for (const record of records) bySlug.set(record.slug, [...(bySlug.get(record.slug) ?? []), record]);
  const kept: T[] = [];
  for (const [slug, group] of bySlug) {
    if (group.length === 1) {
      kept.push(group[0]!);
      continue;
    }
    const live = group.filter((record) => !(record.kind === 'article' && record.draft));
    const files = group.map((record) => record.file).sort();
    for (const record of group) {
      const others = files.filter((file) => file !== record.file).join(', ');
      problems.push(error(record.file, 'slug', `duplicate ${noun} slug "${slug}" (also used by ${others}); ${live.length === 1 && live[0] !== record ? 'this draft is left out' : 'neither is published until one is renamed'}`));
    }
    if (live.length === 1) kept.push(live[0]!);
  }
  return kept;
}

function collectAliases(articles: readonly Article[], problems: ContentProblem[]): Map<string, string> {
  const owners = new Map<string, Article[]>();
  for (const article of articles) {
    for (const alias of article.aliases) owners.set(alias, [...(owners.get(alias) ?? []), article]);
  }
  const aliases = new Map<string, string>();
  for (const [alias, group] of owners) {
    const live = group.filter((article) => !article.draft);
    if (live.length === 1) aliases.set(alias, live[0]!.slug);
    if (live.length > 1) {
      for (const article of live) problems.push(error(article.file, 'aliases', `"${alias}" is also an alias of ${live.filter((a) => a !== article).map((a) => a.file).join(', ')}; it redirects nowhere until one is removed`));
    }
  }
  return aliases;
}

function sameRecords<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((record, index) => record === b[index]);
}

function error(file: string, field: string, message: string, severity: ContentProblem['severity'] = 'error'): ContentProblem {
  return { file, field, message, severity };
}

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file.localeCompare(b.file);
}
