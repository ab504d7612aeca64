/**
 * The daily news bulletin: sign-up form and post, the confirmation link, and
 * unsubscribing (a page with a form, and the one-click POST mail programs
 * send). Sign-up always answers the same way, known address or not.
 */
import { Router, type Response } from 'express';
import type { SiteView } from '../../content/site-view.js';
import { normaliseEmail } from '../../newsletter/email-address.js';
import type { NewsletterService } from '../../newsletter/service.js';
import { pageMeta } from '../../seo/meta.js';
import { renderPage } from '../render.js';
import { formBody, sameOrigin, signUpLimit } from './newsletter-guards.js';
import type { RouteDeps } from './types.js';

type Outcome = 'check-email' | 'confirmed' | 'already-confirmed' | 'unknown' | 'expired' | 'subscribed' | 'unsubscribed';

const NO_STORE = 'no-store';

const OUTCOMES: Record<Outcome, { status: number; title: string }> = {
  'check-email': { status: 200, title: 'Check your inbox' },
  confirmed: { status: 200, title: 'You are signed up' },
  'already-confirmed': { status: 200, title: 'You are already signed up' },
  unknown: { status: 400, title: 'This link does not work' },
  expired: { status: 410, title: 'This link has expired' },
  subscribed: { status: 200, title: 'Unsubscribe from the daily news bulletin' },
  unsubscribed: { status: 200, title: 'You are unsubscribed' },
};

export function newsletterRoutes(deps: RouteDeps, newsletter: () => NewsletterService): Router {
  const router = Router();
  const view = () => deps.store.view(deps.now());
  const token = (value: unknown) => (typeof value === 'string' ? value : undefined);

  /** GET /newsletter: the sign-up form on a page of its own. */
  router.get('/newsletter', (_req, res) => renderForm(res, view(), 200, { email: '' }));

  /** POST /newsletter: sign up (same-origin, rate-limited, honeypot); then 303 to "check your inbox". */
  router.post('/newsletter', sameOrigin(() => view().site), signUpLimit(deps.config.newsletterRateLimit), formBody(), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.website) return res.redirect(303, '/newsletter/check-email');
    const check = normaliseEmail(body.email);
    if (!check.ok) return renderForm(res, view(), 400, { email: typeof body.email === 'string' ? body.email.slice(0, 300) : '', error: check.problem });
    newsletter().signUp(check.email);
    res.redirect(303, '/newsletter/check-email');
  });

  /** GET /newsletter/check-email: where a sign-up lands. */
  router.get('/newsletter/check-email', (_req, res) => renderOutcome(res, view(), 'check-email'));

  /** GET /newsletter/confirm?token=: the link in the confirmation email. Idempotent. */
  router.get('/newsletter/confirm', (req, res) => renderOutcome(res, view(), newsletter().confirm(req.query.token)));

  /** GET /newsletter/unsubscribe?token=: asks before unsubscribing (link scanners follow GET links). */
  router.get('/newsletter/unsubscribe', (req, res) => {
    renderOutcome(res, view(), newsletter().unsubscribeState(req.query.token), { token: token(req.query.token) });
  });

  /**
   * POST /newsletter/unsubscribe: from that page's form, or a mail program's
   * one-click POST (RFC 8058) to the List-Unsubscribe URL. No origin check:
   * the token, 256 random bits only this reader was sent, is the secret.
   */
  router.post('/newsletter/unsubscribe', formBody(), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    renderOutcome(res, view(), newsletter().unsubscribe(token(req.query.token) ?? body.token));
  });

  return router;
}

function renderForm(res: Response, view: SiteView, status: number, form: { email: string; error?: string }): void {
  const title = `${form.error ? 'Error: ' : ''}Sign up for the daily news bulletin`;
  res.status(status);
  const meta = pageMeta({ site: view.site, path: '/newsletter', title, noindex: status !== 200 });
  renderPage(res, 'pages/newsletter.njk', view, { form, meta }, status === 200 ? {} : { cacheControl: NO_STORE });
}

function renderOutcome(res: Response, view: SiteView, outcome: Outcome, extra: { token?: string | undefined } = {}): void {
  const { status, title } = OUTCOMES[outcome];
  // Pages reached by a token link: never stored, and the token never leaves in a Referer.
  res.status(status).set('Referrer-Policy', 'no-referrer');
  const meta = pageMeta({ site: view.site, path: '/newsletter', title, noindex: true });
  renderPage(res, 'pages/newsletter-status.njk', view, { outcome, title, ...extra, meta }, outcome === 'check-email' ? {} : { cacheControl: NO_STORE });
}
