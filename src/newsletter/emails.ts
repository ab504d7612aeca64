/**
 * The newsletter's emails, rendered from Nunjucks templates in views/emails/:
 * an HTML part (autoescape on) and a plain-text part. The text templates use
 * an environment without HTML escaping, since `&amp;` in plain text is wrong,
 * and nothing in a text part is ever interpreted as markup.
 */
import nunjucks from 'nunjucks';
import type { BulletinContent } from './bulletin.js';

export interface EmailParts {
  subject: string;
  html: string;
  text: string;
}

export interface ConfirmationModel {
  siteName: string;
  siteUrl: string;
  confirmUrl: string;
  unsubscribeUrl: string;
  /** How long the link works, in hours. */
  validHours: number;
}

export interface BulletinModel {
  bulletin: BulletinContent;
  unsubscribeUrl: string;
}

export interface EmailRenderer {
  confirmation(model: ConfirmationModel): EmailParts;
  bulletin(model: BulletinModel): EmailParts;
}

export function createEmailRenderer(viewsDir: string): EmailRenderer {
  const loader = () => new nunjucks.FileSystemLoader(viewsDir, { noCache: false });
  const options = { throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };
  const html = new nunjucks.Environment(loader(), { ...options, autoescape: true });
  const text = new nunjucks.Environment(loader(), { ...options, autoescape: false });
  const render = (name: string, subject: string, model: object): EmailParts => ({
    subject,
    html: html.render(`emails/${name}.html.njk`, { ...model, subject }),
    text: text.render(`emails/${name}.txt.njk`, { ...model, subject }).replace(/\n{3,}/g, '\n\n'),
  });
  return {
    confirmation: (model) => render('confirmation', `Please confirm: the ${model.siteName} daily bulletin`, model),
    bulletin: (model) => render('bulletin', model.bulletin.subject, { ...model, siteName: model.bulletin.siteName, siteUrl: model.bulletin.siteUrl }),
  };
}
