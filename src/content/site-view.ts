/**
 * What readers can see at a moment: a snapshot filtered by publication state
 * (drafts and scheduled articles hidden, closed jobs unlisted), indexed once.
 * A view is valid until `validUntil`, the next scheduled publication or
 * closing time; the store then makes a new one, so scheduled content appears
 * and expires without a restart and every request is a lookup.
 */
import type { ContentSnapshot } from './snapshot.js';
import type { Article, Author, Job, NamedRef } from './types.js';

export interface Page<T> {
  items: T[];
  page: number;
  totalPages: number;
  total: number;
}

export interface ViewOptions {
  /** PREVIEW=1: drafts and scheduled articles are visible too. */
  preview: boolean;
}

export interface TagListing {
  tag: NamedRef;
  articles: readonly Article[];
}

export interface AuthorListing {
  author: NamedRef;
  profile?: Author;
  articles: readonly Article[];
}

/** How many of a tag's newest articles are considered for an article's related list. */
export const RELATED_SCAN = 500;

export class SiteView {
  /** Visible articles, newest first. */
  readonly articles: readonly Article[];
  /** Jobs open now (posted, not closed), newest first. */
  readonly currentJobs: readonly Job[];
  /** The next moment this view goes stale (a scheduled article or a job's closing), if any. */
  readonly validUntil: Date | undefined;
  /** Content version plus publication period: equal versions render equal pages (for caches and ETags). */
  readonly version: string;
  readonly tags: ReadonlyMap<string, TagListing>;
  readonly authors: ReadonlyMap<string, AuthorListing>;
  private readonly visibleBySlug: Map<string, Article>;
  private readonly relatedArticleCache = new Map<string, Article[]>();

  constructor(
    readonly snapshot: ContentSnapshot,
    readonly now: Date,
    readonly options: ViewOptions,
  ) {
    const time = now.getTime();
    // The view is the same for every moment in [lastChange, next): track both ends.
    let next = Infinity;
    let lastChange = 0;
    const passed = (moment: number): boolean => {
      if (moment > time) next = Math.min(next, moment);
      else lastChange = Math.max(lastChange, moment);
      return moment <= time;
    };
    this.articles = snapshot.articles.filter((article) => (article.draft ? options.preview : passed(article.date.getTime()) || options.preview));
    this.currentJobs = snapshot.jobs.filter((job) => passed(job.posted.getTime()) && !(job.closes && passed(job.closes.getTime())));
    this.validUntil = Number.isFinite(next) ? new Date(next) : undefined;
    this.version = `${snapshot.version}.${lastChange.toString(36)}`;
    this.visibleBySlug = new Map(this.articles.map((article) => [article.slug, article]));
    this.tags = groupBy(this.articles, (article) => article.tags);
    this.authors = new Map(
      [...groupBy(this.articles, (article) => article.authors)].map(([slug, listing]) => [slug, { author: listing.tag, articles: listing.articles }]),
    );
    for (const profile of snapshot.authors.values()) {
      const listing = this.authors.get(profile.slug);
      (this.authors as Map<string, AuthorListing>).set(profile.slug, {
        author: listing?.author ?? { name: profile.name, slug: profile.slug },
        profile,
        articles: listing?.articles ?? [],
      });
    }
  }

  get site() {
    return this.snapshot.site;
  }

  /** A visible article by slug. */
  article(slug: string): Article | undefined {
    return this.visibleBySlug.get(slug);
  }

  /** A job by slug, closed ones included (their pages answer 410). Jobs not yet posted are not found. */
  job(slug: string): Job | undefined {
    const job = this.snapshot.jobBySlug.get(slug);
    return job && job.posted.getTime() <= this.now.getTime() ? job : undefined;
  }

  isClosed(job: Job): boolean {
    return job.closes !== undefined && job.closes.getTime() <= this.now.getTime();
  }

  isScheduled(article: Article): boolean {
    return article.date.getTime() > this.now.getTime();
  }

  /** The article an old path redirects to, if it is visible. */
  resolveAlias(pathname: string): Article | undefined {
    const slug = this.snapshot.aliases.get(pathname);
    return slug ? this.article(slug) : undefined;
  }

  /** Page `page` (1-based) of `items`; undefined when out of range. Page 1 always exists. */
  paginate<T>(items: readonly T[], page: number, perPage = this.site.perPage): Page<T> | undefined {
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    if (!Number.isInteger(page) || page < 1 || page > totalPages) return undefined;
    return { items: items.slice((page - 1) * perPage, page * perPage), page, totalPages, total: items.length };
  }

  /**
   * Other visible articles sharing the most tags with `article`, newest first
   * among equals. Candidates are the newest RELATED_SCAN articles of each tag,
   * so the cost of a page does not grow with the archive.
   */
  relatedArticles(article: Article, count = 3): Article[] {
    const cached = this.relatedArticleCache.get(article.slug);
    if (cached) return cached;
    const shared = new Map<Article, number>();
    for (const tag of article.tags) {
      for (const other of this.tags.get(tag.slug)?.articles.slice(0, RELATED_SCAN) ?? []) {
        if (other !== article) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    const related = [...shared]
      .sort(([a, sa], [b, sb]) => sb - sa || b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug))
      .slice(0, count)
      .map(([other]) => other);
    this.relatedArticleCache.set(article.slug, related);
    return related;
  }
}

/** Groups articles (already newest first) under each of their names, keeping the first spelling seen. */
function groupBy(articles: readonly Article[], names: (article: Article) => readonly NamedRef[]): Map<string, TagListing> {
  const groups = new Map<string, { tag: NamedRef; articles: Article[] }>();
  for (const article of articles) {
    for (const ref of names(article)) {
      const group = groups.get(ref.slug);
      if (group) group.articles.push(article);
      else groups.set(ref.slug, { tag: ref, articles: [article] });
    }
  }
  return groups;
}
