/** Health check for load balancers and operators. */
import { Router } from 'express';
import type { RouteDeps } from './types.js';

export function healthRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** GET /healthz: 200 with the content version and counts once content is loaded. */
  router.get('/healthz', (_req, res) => {
    const view = deps.store.view(deps.now());
    const { snapshot } = view;
    res.set('Cache-Control', 'no-store');
    res.json({
      status: 'ok',
      version: snapshot.version,
      loadedAt: snapshot.loadedAt.toISOString(),
      articles: view.articles.length,
      jobs: view.currentJobs.length,
      filesWithErrors: new Set(snapshot.problems.filter((p) => p.severity === 'error').map((p) => p.file)).size,
    });
  });

  return router;
}
