/** Job listings and job pages. */
import { Router } from 'express';
import { bodyHtml } from '../../content/bodies.js';
import type { Page } from '../../content/site-view.js';
import type { Job, SiteSettings } from '../../content/types.js';
import { choiceOptions, filterJobs, isFiltered, jobFilterChoices } from '../../search/job-filters.js';
import { pageMeta } from '../../seo/meta.js';
import { jobPageJsonLd } from '../../seo/job-posting.js';
import { jsonLdScript } from '../../seo/structured-data.js';
import { notFound } from '../errors.js';
import { queryPage, slugParam } from '../params.js';
import { renderPage } from '../render.js';
import { jobFiltersParam, jobsPath } from '../search-params.js';
import type { RouteDeps } from './types.js';

export function jobRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** GET /jobs?q=&location=&salary_min=&hours=&contract=&page=N: current jobs, newest first, narrowed by the filters given. */
  router.get('/jobs', (req, res) => {
    const { filters, truncated } = jobFiltersParam(req.query);
    const requested = queryPage(req.query.page);
    const view = deps.store.view(deps.now());
    const { jobs, withoutSalary } = filterJobs(view.currentJobs, filters);
    const page = view.paginate(jobs, requested);
    if (!page) throw notFound();
    const filtered = isFiltered(filters);
    const pathFor = (n: number) => jobsPath(filters, n);
    const choices = jobFilterChoices(view.currentJobs);
    renderPage(res, 'pages/jobs.njk', view, {
      section: 'jobs',
      page,
      pathFor,
      filters,
      filtered,
      truncated,
      withoutSalary,
      hoursOptions: choiceOptions(choices.hours, filters.hours),
      contractOptions: choiceOptions(choices.contract, filters.contract),
      meta: jobsMeta(view.site, page, pathFor, filtered),
    }, { cache: true });
  });

  /** GET /jobs/:slug: one job; 410 with a "closed" page once its closing time has passed. */
  router.get('/jobs/:slug', (req, res) => {
    const view = deps.store.view(deps.now());
    const job = view.job(slugParam(req.params.slug));
    if (!job) throw notFound();
    const closed = view.isClosed(job);
    const html = bodyHtml(job);
    res.status(closed ? 410 : 200);
    renderPage(res, 'pages/job.njk', view, {
      section: 'jobs',
      job,
      closed,
      bodyHtml: html,
      // Google asks for expired jobs to drop their JobPosting markup.
      jsonLd: closed ? undefined : jsonLdScript(jobPageJsonLd(job, view.site, html)),
      meta: pageMeta({ site: view.site, path: `/jobs/${job.slug}`, title: `${job.title}, ${job.employer}`, description: job.summary, noindex: closed }),
    }, { cache: true });
  });

  return router;
}

/** Filtered listings are for readers: noindex, so crawlers keep to /jobs and its pages. */
function jobsMeta(site: SiteSettings, page: Page<Job>, pathFor: (n: number) => string, filtered: boolean) {
  return pageMeta({
    site,
    path: pathFor(page.page),
    title: `${filtered ? 'Jobs matching your filters' : 'Jobs'}${page.page > 1 ? `, page ${page.page}` : ''}`,
    description: `${page.total} current jobs in local government and public services, on ${site.name}.`,
    noindex: filtered,
    ...(page.page > 1 ? { prevPath: pathFor(page.page - 1) } : {}),
    ...(page.page < page.totalPages ? { nextPath: pathFor(page.page + 1) } : {}),
  });
}
