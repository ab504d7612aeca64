/** Health check for load balancers and operators. */
import { Router } from 'express';
import type { RouteDeps } from './types.js';

export function healthRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** GET /healthz: 200 once content is loaded, with the content version, the last reload and counts. */
  router.get('/healthz', (_req, res) => {
    const view = deps.store.view(deps.now());
    const { snapshot } = view;
    const filesWith = (severity: string) => new Set(snapshot.problems.filter((p) => p.severity === severity).map((p) => p.file)).size;
    res.set('Cache-Control', 'no-store');
    res.json({
      status: 'ok',
      version: snapshot.version,
      lastReload: snapshot.loadedAt.toISOString(),
      articles: view.articles.length,
      jobs: view.currentJobs.length,
      filesWithErrors: filesWith('error'),
      filesWithWarnings: filesWith('warning'),
    });
  });

  return router;
}
