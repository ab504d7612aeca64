/** Static assets are fingerprinted: pages link /assets/NAME.HASH.EXT, served with a year-long immutable cache. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_DIR } from '../../src/app.js';
import { fingerprintedName } from '../../src/web/assets.js';
import { parse } from '../support/html.js';
import { testApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('fingerprinted assets', () => {
  it.each([
    ['site.css', 'abc123', 'site.abc123.css'],
    ['images/logo.svg', 'ff00', 'images/logo.ff00.svg'],
    ['LICENSE', '0a', 'LICENSE.0a'],
  ])('%s with hash %s is served as %s', (name, hash, expected) => {
    expect(fingerprintedName(name, hash)).toBe(expected);
  });

  it('links the stylesheet by the hash of its content and serves it cached forever', async () => {
    const page = await request(t.app).get('/');
    const href = parse(page.text)('link[rel="stylesheet"]').attr('href');
    const hash = createHash('sha256').update(await readFile(path.join(PUBLIC_DIR, 'site.css'))).digest('hex').slice(0, 10);
    expect(href).toBe(`/assets/site.${hash}.css`);
    const css = await request(t.app).get(href!);
    expect(css.status).toBe(200);
    expect(css.type).toBe('text/css');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.text).toContain('prefers-color-scheme: dark');
  });

  it('links a favicon that exists', async () => {
    const page = await request(t.app).get('/');
    const href = parse(page.text)('link[rel="icon"]').attr('href');
    expect(href).toMatch(/^\/assets\/favicon\.[0-9a-f]{10}\.svg$/);
    expect((await request(t.app).get(href!)).status).toBe(200);
  });

  it('serves the plain name with the short page cache (for files content links to)', async () => {
    const res = await request(t.app).get('/assets/site.css');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).not.toContain('immutable');
  });

  it.each(['/assets/site.0000000000.css', '/assets/nothing.css', '/assets/', '/assets/.hidden'])('%s is the site’s 404 page', async (url) => {
    const res = await request(t.app).get(url);
    expect(res.status).toBe(404);
    expect(res.type).toBe('text/html');
  });

  it.each(['/assets/%2e%2e/package.json', '/assets/..%2fpackage.json', '/assets/%2e%2e%2fsrc%2fapp.ts'])('%s is refused, never a file outside public/', async (url) => {
    const res = await request(t.app).get(url);
    expect([400, 404]).toContain(res.status);
    expect(res.text).not.toContain('"name": "newsroom"');
    expect(res.text).not.toContain('createApp');
  });
});
