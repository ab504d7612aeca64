/** Article pages, and old paths (aliases) that redirect to them. */
import { Router, type RequestHandler } from 'express';
import { bodyHtml } from '../../content/bodies.js';
import { relatedJobsFor } from '../../related-jobs.js';
import { pageMeta } from '../../seo/meta.js';
import { articlePageJsonLd, jsonLdScript } from '../../seo/structured-data.js';
import { notFound } from '../errors.js';
import { slugParam } from '../params.js';
import { renderPage } from '../render.js';
import type { RouteDeps } from './types.js';

export function articleRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** GET /news/:slug: the article, with related articles and the jobs sidebar. */
  router.get('/news/:slug', (req, res) => {
    const view = deps.store.view(deps.now());
    const article = view.article(slugParam(req.params.slug));
    if (!article) throw notFound();
    const relatedJobs = relatedJobsFor(view, article);
    const debugJobs = !deps.config.production && req.query.debug === 'jobs';
    renderPage(res, 'pages/article.njk', view, {
      article,
      bodyHtml: bodyHtml(article),
      relatedArticles: view.relatedArticles(article),
      sidebarJobs: relatedJobs.map((entry) => entry.job),
      debugJobs: debugJobs ? relatedJobs : undefined,
      status: article.draft ? 'draft' : view.isScheduled(article) ? 'scheduled' : 'published',
      jsonLd: jsonLdScript(articlePageJsonLd(article, view.site)),
      meta: pageMeta({
        site: view.site,
        path: `/news/${article.slug}`,
        title: article.title,
        description: article.summary,
        ogType: 'article',
        noindex: view.options.preview && (article.draft || view.isScheduled(article)),
        ...(article.canonical ? { canonical: article.canonical } : {}),
        ...(article.image ? { image: article.image, imageAlt: article.imageAlt ?? '' } : {}),
      }),
    }, { cache: !debugJobs });
  });

  return router;
}

/** Any GET whose path is an article's alias answers 301 to the article. */
export function aliasRedirects(deps: RouteDeps): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const article = deps.store.view(deps.now()).resolveAlias(req.path);
    if (!article) return next();
    res.redirect(301, `/news/${article.slug}`);
  };
}
