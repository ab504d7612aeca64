/** Job listings and job pages. */
import { Router } from 'express';
import { bodyHtml } from '../../content/bodies.js';
import { pageMeta } from '../../seo/meta.js';
import { jobPosting, jsonLdScript } from '../../seo/structured-data.js';
import { notFound } from '../errors.js';
import { queryPage, slugParam } from '../params.js';
import { renderPage } from '../render.js';
import type { RouteDeps } from './types.js';

export function jobRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** GET /jobs?page=N: current jobs, newest first. */
  router.get('/jobs', (req, res) => {
    const view = deps.store.view(deps.now());
    const page = view.paginate(view.currentJobs, queryPage(req.query.page));
    if (!page) throw notFound();
    const pathFor = (n: number) => (n === 1 ? '/jobs' : `/jobs?page=${n}`);
    renderPage(res, 'pages/jobs.njk', view, {
      section: 'jobs',
      page,
      pathFor,
      meta: pageMeta({
        site: view.site,
        path: pathFor(page.page),
        title: page.page > 1 ? `Jobs, page ${page.page}` : 'Jobs',
        description: `${page.total} current jobs in local government and public services, on ${view.site.name}.`,
        ...(page.page > 1 ? { prevPath: pathFor(page.page - 1) } : {}),
        ...(page.page < page.totalPages ? { nextPath: pathFor(page.page + 1) } : {}),
      }),
    });
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
      jsonLd: closed ? undefined : jsonLdScript(jobPosting(job, view.site, html)),
      meta: pageMeta({ site: view.site, path: `/jobs/${job.slug}`, title: `${job.title}, ${job.employer}`, description: job.summary, noindex: closed }),
    });
  });

  return router;
}
