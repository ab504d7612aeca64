/**
 * The content model: what the repository hands to the rest of the site.
 * Imported by everything; imports nothing.
 */

/** One thing wrong (or suspicious) in one content file. */
export interface ContentProblem {
  /** Path of the file, relative to the working directory when it is inside it. */
  file: string;
  /** 1-based line of the offending front-matter key, when it can be found. */
  line?: number;
  /** Front-matter field (`title`, `tags[2]`), or `file` / `front matter` / `slug`. */
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface SiteSettings {
  name: string;
  /** Absolute base URL without a trailing slash. */
  url: string;
  description: string;
  language: string;
  timezone: string;
  perPage: number;
  jobs: { heading: string; count: number };
  newsletter: { heading: string; text: string };
}

/** A name with the slug its page lives at (`/tags/SLUG`, `/authors/SLUG`). */
export interface NamedRef {
  name: string;
  slug: string;
}

export interface Article {
  kind: 'article';
  slug: string;
  /** Source file, as reported in problems. */
  file: string;
  title: string;
  date: Date;
  updated?: Date;
  authors: NamedRef[];
  publication?: string;
  /** Standfirst as plain text: the front matter's `summary`, else the body's first paragraph. */
  summary: string;
  /** True when `summary` was written by the editor (a standfirst), false when taken from the body. */
  hasStandfirst: boolean;
  tags: NamedRef[];
  places: string[];
  image?: string;
  imageAlt?: string;
  comments: boolean;
  draft: boolean;
  /** Pinned job slugs, in the editor's order. */
  jobs: string[];
  /** Old paths that answer 301 to this article. */
  aliases: string[];
  canonical?: string;
  /** Markdown source of the body. */
  body: string;
  /** Body as plain text (no markup), for relevance, search and descriptions. */
  text: string;
  readingMinutes: number;
}

export interface Job {
  kind: 'job';
  slug: string;
  file: string;
  title: string;
  employer: string;
  location: string;
  salary: string;
  salaryMin?: number;
  salaryMax?: number;
  hours?: string;
  contract?: string;
  recruiter: string;
  posted: Date;
  /** The moment the job expires: a date-only `closes` means the end of that day in the site's zone. */
  closes?: Date;
  /** The closing date as the editor wrote it, for display: `dateOnly` shows no time. */
  closing?: { date: Date; dateOnly: boolean };
  applyUrl?: string;
  tags: NamedRef[];
  /** Teaser for cards, plain text. */
  summary: string;
  body: string;
  text: string;
}

export interface Author {
  kind: 'author';
  slug: string;
  file: string;
  name: string;
  role?: string;
  /** Markdown bio. */
  body: string;
}

/** A topic of the editors' vocabulary (content/topics.yaml): words and phrases that mean the same field of work. */
export interface Topic {
  name: string;
  /** Lower-case terms and phrases, the topic's name first. */
  terms: string[];
}
