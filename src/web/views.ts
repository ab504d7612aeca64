/** Nunjucks, configured in one place: autoescape on, filters from filters.ts. */
import type { Application } from 'express';
import nunjucks from 'nunjucks';
import type { Assets } from './assets.js';
import { isoDate, pluralise, readableDate, readableDateTime } from './filters.js';

export function createViews(app: Application, viewsDir: string, options: { watch: boolean; assets?: Assets }): nunjucks.Environment {
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
  // asset('site.css') → /assets/site.HASH.css (fingerprinted, cached forever).
  const assets = options.assets;
  env.addGlobal('asset', (name: string) => (assets ? assets.url(name) : `/assets/${name}`));
  app.set('view engine', 'njk');
  return env;
}
