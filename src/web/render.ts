/** The one way pages are rendered: the view model plus what every page's layout needs. */
import type { Response } from 'express';
import type { SiteView } from '../content/site-view.js';

export interface LayoutModel {
  /** Which header section is current: `latest`, `jobs`, `search`. */
  section?: string;
}

export function renderPage(res: Response, template: string, view: SiteView, model: Record<string, unknown> & LayoutModel): void {
  res.render(template, { site: view.site, preview: view.options.preview, ...model });
}
