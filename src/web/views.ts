/** Nunjucks, configured in one place: autoescape on, filters from filters.ts. */
import type { Application } from 'express';
import nunjucks from 'nunjucks';
import { isoDate, pluralise, readableDate, readableDateTime } from './filters.js';

export function createViews(app: Application, viewsDir: string, options: { watch: boolean }): nunjucks.Environment {
  const env = nunjucks.configure(viewsDir, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
    noCache: options.watch,
    express: app,
  });
  env.addFilter('readableDate', readableDate);
  env.addFilter('readableDateTime', readableDateTime);
  env.addFilter('isoDate', isoDate);
  env.addFilter('pluralise', pluralise);
  app.set('view engine', 'njk');
  return env;
}
