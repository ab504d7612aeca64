/**
 * Today's bulletin, built from a view of the content: the articles published
 * in a window, newest first, and a few current jobs. Pure: the result holds
 * display-ready strings and absolute links, and is stored as JSON with the
 * bulletin so a re-run sends exactly what the first run sent.
 */
import type { SiteView } from '../content/site-view.js';
import { absoluteUrl } from '../seo/meta.js';
import { readableDate } from '../web/filters.js';

export interface BulletinArticle {
  title: string;
  standfirst: string;
  url: string;
  date: string;
}

export interface BulletinJob {
  title: string;
  employer: string;
  location: string;
  salary: string;
  url: string;
}

export interface BulletinContent {
  subject: string;
  siteName: string;
  siteUrl: string;
  /** `5 March 2024`, in the site's zone. */
  date: string;
  articles: BulletinArticle[];
  jobs: BulletinJob[];
  jobsUrl: string;
}

export interface BulletinWindow {
  /** Exclusive: articles published after this moment… */
  since: Date;
  /** …up to and including this one. */
  until: Date;
}

export const BULLETIN_LIMITS = { articles: 30, jobs: 5 };

/** The window of a new bulletin: since the last one, or the last 24 hours when there has been none. */
export function bulletinWindow(lastUntil: Date | undefined, now: Date): BulletinWindow {
  return { since: lastUntil ?? new Date(now.getTime() - 24 * 60 * 60 * 1000), until: now };
}

export function buildBulletin(view: SiteView, window: BulletinWindow, limits = BULLETIN_LIMITS): BulletinContent {
  const { site } = view;
  const inWindow = view.articles.filter((article) => article.date > window.since && article.date <= window.until && !article.draft);
  const date = readableDate(window.until, site.timezone);
  return {
    subject: `${site.name}: your daily news bulletin, ${date}`,
    siteName: site.name,
    siteUrl: site.url,
    date,
    articles: inWindow.slice(0, limits.articles).map((article) => ({
      title: article.title,
      standfirst: article.summary,
      url: absoluteUrl(site, `/news/${article.slug}`),
      date: readableDate(article.date, site.timezone),
    })),
    jobs: view.currentJobs.slice(0, limits.jobs).map((job) => ({
      title: job.title,
      employer: job.employer,
      location: job.location,
      salary: job.salary,
      url: absoluteUrl(site, `/jobs/${job.slug}`),
    })),
    jobsUrl: absoluteUrl(site, '/jobs'),
  };
}
