/**
 * An uncaught error in one request is a 500 page for that request alone:
 * logged with its request id (also sent as X-Request-Id), no stack or
 * message shown in production, and the next request is served normally.
 *
 * The failure is injected the clean way: the real app is built with a content
 * store whose view() throws when told to, which is what any bug in a route's
 * lookups looks like to Express. No test-only hook exists in createApp.
 */
import { Writable } from 'node:stream';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { loadContent } from '../../src/content/load.js';
import { ContentStore } from '../../src/content/store.js';
import { FIXTURES, FIXTURE_NOW } from '../support/app.js';
import { parse } from '../support/html.js';

const SECRET = 'boom: /srv/secret/path.md could not be parsed';

async function faultyApp(env: NodeJS.ProcessEnv) {
  const contentDir = path.join(FIXTURES, 'site');
  const store = new ContentStore(await loadContent(contentDir));
  const faults = { view: 0, snapshot: 0 };
  const view = store.view.bind(store);
  store.view = (now: Date) => {
    if (faults.view > 0 && faults.view-- > 0) throw new Error(SECRET);
    return view(now);
  };
  const snapshot = Object.getOwnPropertyDescriptor(ContentStore.prototype, 'snapshot')!.get!.bind(store);
  Object.defineProperty(store, 'snapshot', {
    get: () => {
      if (faults.snapshot > 0 && faults.snapshot-- > 0) throw new Error(SECRET);
      return snapshot();
    },
  });
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const config = readConfig({ CONTENT_DIR: contentDir, ...env });
  const app = createApp({ config, store, now: () => FIXTURE_NOW, logger: pino({ level: 'info' }, sink) });
  return { app, faults, lines };
}

describe('an uncaught error in one request (production)', () => {
  it('answers that request with a 500 page, no stack or message, logged with its request id', async () => {
    const { app, faults, lines } = await faultyApp({ NODE_ENV: 'production' });
    faults.view = 1;
    const res = await request(app).get('/news/sandwell-trust');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    const $ = parse(res.text);
    expect($('h1').text()).toBe('Something went wrong');
    expect(res.text).not.toContain('boom');
    expect(res.text).not.toContain('secret');
    expect(res.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
    expect($('pre')).toHaveLength(0);

    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const logged = lines.find((line) => line.msg === 'request failed');
    expect(logged).toMatchObject({ level: 50, reqId: id, url: '/news/sandwell-trust' });
    expect((logged?.err as { message?: string }).message).toBe(SECRET);
  });

  it('serves every other request, before, during and after, normally', async () => {
    const { app, faults } = await faultyApp({ NODE_ENV: 'production' });
    const agent = request(app);
    expect((await agent.get('/news/sandwell-trust')).status).toBe(200);
    faults.view = 1;
    const statuses = (await Promise.all(['/news/sandwell-trust', '/', '/jobs', '/news/birmingham-trust'].map((p) => agent.get(p)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect((await agent.get('/news/sandwell-trust')).status).toBe(200);
  });

  it('falls back to a plain-text 500 when even the error page cannot be built', async () => {
    const { app, faults, lines } = await faultyApp({ NODE_ENV: 'production' });
    faults.view = 1;
    faults.snapshot = 1;
    const res = await request(app).get('/jobs');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('500 Something went wrong\n');
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['request failed', 'error page failed']));
    expect((await request(app).get('/jobs')).status).toBe(200);
  });
});

describe('outside production', () => {
  it('shows the stack to the developer', async () => {
    const { app, faults } = await faultyApp({ NODE_ENV: 'development' });
    faults.view = 1;
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect(parse(res.text)('pre.error__stack').text()).toContain(SECRET);
  });
});
