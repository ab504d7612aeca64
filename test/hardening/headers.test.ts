/**
 * Security headers on every kind of response, HSTS only when configured, a
 * request id on every response, and pages that satisfy their own CSP: no
 * inline script (JSON-LD is a data block), no inline style, no handlers.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse } from '../support/html.js';
import { testApp } from '../support/app.js';

const { app } = await testApp({ env: { NODE_ENV: 'production' } });

function csp(header: string | undefined): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

describe('security headers', () => {
  it.each(['/', '/news/sandwell-trust', '/jobs', '/no-such-page', '/news/..%2f', '/assets/site.css', '/healthz'])('%s carries them all', async (path) => {
    const res = await request(app).get(path);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const policy = csp(res.headers['content-security-policy']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('script-src-attr')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('sends HSTS (and upgrades insecure requests) only when HSTS=1', async () => {
    const secure = (await testApp({ env: { NODE_ENV: 'production', HSTS: '1' } })).app;
    const res = await request(secure).get('/');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(csp(res.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('request ids', () => {
  it('gives every response an X-Request-Id, a new one each time', async () => {
    const [a, b] = await Promise.all([request(app).get('/'), request(app).get('/no-such-page')]);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('keeps a proxy’s plain request id and replaces anything else', async () => {
    expect((await request(app).get('/').set('X-Request-Id', 'edge-42.abc')).headers['x-request-id']).toBe('edge-42.abc');
    const hostile = await request(app).get('/').set('X-Request-Id', '<script>x</script>');
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const long = await request(app).get('/').set('X-Request-Id', 'a'.repeat(65));
    expect(long.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('pages satisfy their own Content-Security-Policy', () => {
  const pages: [string, number][] = [
    ['/', 200],
    ['/page/2', 200],
    ['/news/sandwell-trust', 200],
    ['/news/hostile', 200],
    ['/tags/children-s-services', 200],
    ['/authors/william-eichler', 200],
    ['/jobs', 200],
    ['/jobs/social-worker', 200],
    ['/jobs/closed-job', 410],
    ['/search?q=trust', 200],
    ['/no-such-page', 404],
  ];

  it.each(pages)('%s has no inline script, style or handler, and loads only its own files', async (path, status) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const $ = parse(res.text);
    $('script').each((_, element) => {
      const script = $(element);
      if (script.attr('src')) expect(script.attr('src')).toMatch(/^\/(?!\/)/);
      else {
        expect(script.attr('type')).toBe('application/ld+json');
        expect(() => JSON.parse(script.text())).not.toThrow();
      }
    });
    expect($('style')).toHaveLength(0);
    expect($('[style]')).toHaveLength(0);
    $('*').each((_, element) => {
      for (const name of Object.keys((element as { attribs?: Record<string, string> }).attribs ?? {})) expect(name).not.toMatch(/^on/i);
    });
    $('link[rel="stylesheet"], link[rel~="icon"], link[rel="manifest"]').each((_, element) => {
      expect($(element).attr('href')).toMatch(/^\/(?!\/)/);
    });
    $('img[src]').each((_, element) => {
      // img-src allows this origin and https: images (editors' lead images).
      const url = new URL($(element).attr('src') ?? '', 'http://127.0.0.1/');
      expect(url.origin === 'http://127.0.0.1' || url.protocol === 'https:').toBe(true);
    });
    $('form[action]').each((_, element) => {
      expect($(element).attr('action')).toMatch(/^\/(?!\/)/);
    });
  });
});
