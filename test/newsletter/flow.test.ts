/**
 * The bulletin from a reader's side, end to end: the real app, a real SQLite
 * file in a temp DATA_DIR and a real SMTP server on loopback.
 */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/newsletter/database.js';
import { createSubscriberRepository } from '../../src/newsletter/subscribers.js';
import { expectPageBasics, parse } from '../support/html.js';
import { DAY, linkTo, newsletterHarness, SITE, sitePath, type Harness } from './support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await newsletterHarness();
});
afterEach(async () => {
  await h.close();
});

/** Signs up and follows the confirmation link; returns the confirmation email. */
async function subscribe(email: string) {
  const before = h.smtp.messages.length;
  expect((await h.signUp({ email })).status).toBe(303);
  await h.newsletter.idle();
  const [message] = await h.smtp.waitFor(before + 1).then((all) => all.slice(before));
  expectPageBasics(await request(h.app).get(sitePath(linkTo(message!.links, '/newsletter/confirm'))));
  return message!;
}

const counts = () => {
  const db = openDatabase(h.dataDir);
  try {
    return createSubscriberRepository(db).counts();
  } finally {
    db.close();
  }
};

describe('sign-up, confirmation, bulletin, unsubscribe', () => {
  it('takes a reader from the footer form to the bulletin and out again', async () => {
    const home = expectPageBasics(await request(h.app).get('/'));
    const form = home('.site-footer form');
    expect(form.attr('action')).toBe('/newsletter');
    expect(form.attr('method')).toBe('post');
    expect(home(`label[for="${form.find('input[name="email"]').attr('id')}"]`).text()).toBe('Email address');
    expect(home(`label[for="${form.find('input[name="website"]').attr('id')}"]`).text()).toBe('Leave blank');

    const signUp = await h.signUp({ email: '  Reader@Example.ORG ', website: '' });
    expect(signUp.status).toBe(303);
    expect(signUp.headers.location).toBe('/newsletter/check-email');
    expect(expectPageBasics(await request(h.app).get('/newsletter/check-email'))('h1').text()).toBe('Check your inbox');

    await h.newsletter.idle();
    const [confirmation] = await h.smtp.waitFor(1);
    expect(confirmation!.to).toEqual(['reader@example.org']);
    expect(confirmation!.subject).toBe('Please confirm: the Bulletin & Co News daily bulletin');
    expect(confirmation!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(confirmation!.headers.get('list-unsubscribe')).toMatch(/^<https:\/\/news\.example\.org\/newsletter\/unsubscribe\?token=[\w-]{43}>$/);
    const confirmLink = linkTo(confirmation!.links, '/newsletter/confirm');
    expect(parse(confirmation!.html)(`a[href="${confirmLink}"]`).length).toBeGreaterThan(0);

    const confirmed = expectPageBasics(await request(h.app).get(sitePath(confirmLink)));
    expect(confirmed('h1').text()).toBe('You are signed up');
    await subscribe('other@example.org');

    const [first] = await h.bulletin();
    expect(first).toMatchObject({ articles: 2, recipients: 2, sent: 2, failed: 0, finished: true });
    const bulletin = h.smtp.to('reader@example.org').at(-1)!;
    expect(bulletin.subject).toBe('Bulletin & Co News: your daily news bulletin, 5 March 2024');
    expect(bulletin.text).toContain('Council sets budget & <em>plans</em>\n');
    expect(bulletin.text).toContain('Councillors agreed a £1.2bn budget <b>after</b> a long debate.');
    expect(bulletin.text).toContain('https://news.example.org/news/council-budget');
    expect(bulletin.text).toContain('Care homes inspected across the county');
    expect(bulletin.text).not.toContain('An older story');
    expect(bulletin.text).toContain('Social Worker\nCounty Council, Oldbury. £38,000 - £42,000\nhttps://news.example.org/jobs/social-worker');
    const html = parse(bulletin.html);
    expect(html('h2 a').map((_, a) => html(a).attr('href')).get()).toEqual(['https://news.example.org/news/care-homes', 'https://news.example.org/news/council-budget']);
    expect(html('h2 a').last().text()).toBe('Council sets budget & <em>plans</em>');
    expect(html('em, b')).toHaveLength(0);
    expect(bulletin.headers.get('message-id')).toMatch(/^<bulletin-1-1@news\.example\.org>$/);

    const unsubscribeLink = linkTo(bulletin.links, '/newsletter/unsubscribe');
    expect(bulletin.headers.get('list-unsubscribe')).toBe(`<${unsubscribeLink}>`);
    expect(html(`a[href="${unsubscribeLink}"]`).text()).toBe('Unsubscribe');
    const ask = expectPageBasics(await request(h.app).get(sitePath(unsubscribeLink)));
    expect(ask('main form').attr('action')).toBe('/newsletter/unsubscribe');
    expect(ask('main form input[name="token"]').attr('value')).toBe(new URL(unsubscribeLink).searchParams.get('token'));
    expect(counts()).toEqual({ pending: 0, confirmed: 2, unsubscribed: 0 });

    // The mail program's one-click POST: no Origin, no form token, just the link's token.
    const done = await request(h.app).post(sitePath(unsubscribeLink)).type('form').send('List-Unsubscribe=One-Click');
    expect(expectPageBasics(done)('h1').text()).toBe('You are unsubscribed');
    expect(counts()).toEqual({ pending: 0, confirmed: 1, unsubscribed: 1 });

    h.clock.now = new Date(h.clock.now.getTime() + DAY);
    const before = h.smtp.messages.length;
    const [second] = await h.bulletin();
    expect(second).toMatchObject({ articles: 1, recipients: 1, sent: 1, finished: true });
    expect(h.smtp.messages.slice(before).map((message) => message.to)).toEqual([['other@example.org']]);
    expect(h.smtp.messages.at(-1)!.text).toContain('Library hours extended');
    expect(h.smtp.messages.at(-1)!.text).not.toContain('Care homes');
  });

  it('unsubscribes from the confirmation page’s form too, and says so again if asked twice', async () => {
    const email = await subscribe('form@example.org');
    const link = sitePath(linkTo(email.links, '/newsletter/unsubscribe'));
    const $ = parse((await request(h.app).get(link)).text);
    const token = $('main form input[name="token"]').attr('value')!;
    for (let i = 0; i < 2; i++) {
      const res = await request(h.app).post('/newsletter/unsubscribe').set('Origin', SITE).type('form').send({ token });
      expect(expectPageBasics(res)('h1').text()).toBe('You are unsubscribed');
    }
    expect(expectPageBasics(await request(h.app).get(link))('h1').text()).toBe('You are unsubscribed');
    expect(counts().unsubscribed).toBe(1);
  });
});

describe('signing up again', () => {
  it('never adds a second row, answers the same, and resends a pending confirmation at most every 10 minutes', async () => {
    const first = await h.signUp({ email: 'twice@example.org' });
    const again = await h.signUp({ email: 'TWICE@example.org' });
    expect([again.status, again.headers.location, again.text]).toEqual([first.status, first.headers.location, first.text]);
    await h.newsletter.idle();
    expect(h.smtp.messages).toHaveLength(1);
    expect(counts()).toEqual({ pending: 1, confirmed: 0, unsubscribed: 0 });

    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60 * 1000);
    await h.signUp({ email: 'twice@example.org' });
    await h.newsletter.idle();
    const [one, two] = await h.smtp.waitFor(2);
    expect(two!.to).toEqual(['twice@example.org']);
    // Either link confirms; the first one still works.
    expect(expectPageBasics(await request(h.app).get(sitePath(linkTo(one!.links, '/newsletter/confirm'))))('h1').text()).toBe('You are signed up');
    expect(expectPageBasics(await request(h.app).get(sitePath(linkTo(two!.links, '/newsletter/confirm'))))('h1').text()).toBe('You are already signed up');

    const known = await h.signUp({ email: 'twice@example.org' });
    const unknown = await h.signUp({ email: 'new@example.org' });
    expect([known.status, known.headers.location, known.text]).toEqual([unknown.status, unknown.headers.location, unknown.text]);
    await h.newsletter.idle();
    expect(h.smtp.to('twice@example.org')).toHaveLength(2);
    expect(counts()).toEqual({ pending: 1, confirmed: 1, unsubscribed: 0 });
  });

  it('lets an unsubscribed reader sign up again, with a new confirmation', async () => {
    const email = await subscribe('back@example.org');
    await request(h.app).post(sitePath(linkTo(email.links, '/newsletter/unsubscribe')));
    expect(counts()).toEqual({ pending: 0, confirmed: 0, unsubscribed: 1 });
    // The old confirmation link does not undo the unsubscribe.
    expectPageBasics(await request(h.app).get(sitePath(linkTo(email.links, '/newsletter/confirm'))), 410);
    await subscribe('back@example.org');
    expect(counts()).toEqual({ pending: 0, confirmed: 1, unsubscribed: 0 });
  });
});

describe('bad input', () => {
  it.each([
    ['', 'Enter your email address'],
    ['   ', 'Enter your email address'],
    ['not-an-email', 'Enter an email address in the correct format, like name@example.com'],
    ['name@example', 'Enter an email address in the correct format, like name@example.com'],
    ['a@@example.org', 'Enter an email address in the correct format, like name@example.com'],
    ['"<script>alert(1)</script>"@example.org', 'Enter an email address in the correct format, like name@example.com'],
    ['Reader <reader@example.org>', 'Enter an email address in the correct format, like name@example.com'],
    ['reader@example.org\r\nBcc: victim@example.org', 'Enter an email address in the correct format, like name@example.com'],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.org`, 'Enter an email address of 254 characters or fewer'],
  ])('answers 400 for %j, keeping what was typed and saying what to fix', async (typed, problem) => {
    const res = await h.signUp({ email: typed });
    const $ = expectPageBasics(res, 400);
    expect(res.headers['cache-control']).toBe('no-store');
    const input = $('main input[name="email"]');
    expect(input.attr('value')).toBe(typed.replace(/\r\n/g, '\n')); // as a browser reads the attribute
    expect(input.attr('aria-invalid')).toBe('true');
    expect($(`#${input.attr('aria-describedby')}`).text()).toContain(problem);
    expect($('.error-summary a').attr('href')).toBe(`#${input.attr('id')}`);
    expect($('title').text()).toMatch(/^Error: /);
    expect($('main script')).toHaveLength(0);
    expect(counts().pending).toBe(0);
  });

  it('answers 400 with the form when the body is not a form (JSON, or nothing)', async () => {
    const json = await request(h.app).post('/newsletter').set('Origin', SITE).send({ email: 'json@example.org' });
    expect(expectPageBasics(json, 400)('#signup-email-error').text()).toContain('Enter your email address');
    expectPageBasics(await request(h.app).post('/newsletter').set('Origin', SITE), 400);
  });

  it('refuses a body over 2 kB with the 413 page', async () => {
    const res = await h.signUp({ email: 'big@example.org', padding: 'x'.repeat(3000) });
    expect(expectPageBasics(res, 413)('h1').text()).toBe('Request too large');
    expect(counts().pending).toBe(0);
  });

  it('pretends to succeed when the honeypot is filled, and stores and sends nothing', async () => {
    const res = await h.signUp({ email: 'bot@example.org', website: 'https://spam.example' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/newsletter/check-email');
    await h.newsletter.idle();
    expect(counts().pending).toBe(0);
    expect(h.smtp.messages).toHaveLength(0);
  });

  it.each([
    ['no Origin or Referer', {}],
    ['another site’s Origin', { Origin: 'https://evil.example' }],
    ['an opaque Origin', { Origin: 'null' }],
    ['another site’s Referer', { Referer: 'https://evil.example/page' }],
    ['a look-alike Origin', { Origin: 'https://news.example.org.evil.example' }],
  ])('rejects a sign-up with %s (CSRF) with 403', async (_name, headers) => {
    const res = await h.signUp({ email: 'csrf@example.org' }, headers);
    expectPageBasics(res, 403);
    expect(counts().pending).toBe(0);
  });

  it.each([
    ['the site’s Referer', { Referer: `${SITE}/news/care-homes` }],
    ['the Origin the request was sent to', { Host: 'newsroom.test:8080', Origin: 'http://newsroom.test:8080' }],
  ])('accepts a sign-up with %s', async (_name, headers) => {
    const res = await h.signUp({ email: 'ok@example.org' }, headers);
    expect(res.status).toBe(303);
  });
});

describe('links', () => {
  const forged = 'A'.repeat(43);
  it.each([
    ['/newsletter/confirm?token=' + forged, 400],
    ['/newsletter/confirm?token=short', 400],
    ['/newsletter/confirm', 400],
    ['/newsletter/unsubscribe?token=' + forged, 400],
    ['/newsletter/unsubscribe?token=%3Cscript%3E', 400],
  ])('answers %s with the site’s %i page', async (path, status) => {
    const $ = expectPageBasics(await request(h.app).get(path), status);
    expect($('h1').text()).toBe('This link does not work');
  });

  it('answers a forged one-click unsubscribe 400 and changes nothing', async () => {
    await subscribe('kept@example.org');
    expectPageBasics(await request(h.app).post(`/newsletter/unsubscribe?token=${forged}`).type('form').send('List-Unsubscribe=One-Click'), 400);
    expect(counts().confirmed).toBe(1);
  });

  it('answers an expired confirmation link 410, and a fresh sign-up sends one that works', async () => {
    await h.signUp({ email: 'late@example.org' });
    await h.newsletter.idle();
    const [old] = await h.smtp.waitFor(1);
    h.clock.now = new Date(h.clock.now.getTime() + 49 * 60 * 60 * 1000);
    expect(expectPageBasics(await request(h.app).get(sitePath(linkTo(old!.links, '/newsletter/confirm'))), 410)('h1').text()).toBe('This link has expired');
    await subscribe('late@example.org');
    expect(counts()).toEqual({ pending: 0, confirmed: 1, unsubscribed: 0 });
  });

  it('stores tokens only as SHA-256 hashes', async () => {
    const email = await subscribe('hash@example.org');
    const token = new URL(linkTo(email.links, '/newsletter/confirm')).searchParams.get('token')!;
    const db = openDatabase(h.dataDir);
    const dump = JSON.stringify(db.prepare('SELECT * FROM tokens').all());
    db.close();
    expect(dump).not.toContain(token);
    const { createHash } = await import('node:crypto');
    expect(dump).toContain(createHash('sha256').update(token).digest('hex'));
  });
});

describe('rate limit and load', () => {
  it('answers the fourth sign-up from one address in the window with the 429 page', async () => {
    await h.close();
    h = await newsletterHarness({ NEWSLETTER_RATE_LIMIT: '3', NEWSLETTER_RATE_WINDOW: '600' });
    for (let i = 0; i < 3; i++) expect((await h.signUp({ email: `r${i}@example.org` })).status).toBe(303);
    const res = await h.signUp({ email: 'r4@example.org' });
    const $ = expectPageBasics(res, 429);
    expect($('main').text()).toContain('try again in 10 minutes');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(counts().pending).toBe(3);
  });

  it('limits each reader behind a trusted proxy separately (TRUST_PROXY), and everyone together without it', async () => {
    const fromClient = (ip: string, i: number) => h.signUp({ email: `p${ip.replace(/\D/g, '')}-${i}@example.org` }, { Origin: SITE, 'X-Forwarded-For': ip });
    await h.close();
    h = await newsletterHarness({ NEWSLETTER_RATE_LIMIT: '2', TRUST_PROXY: '1' });
    const trusted = [await fromClient('203.0.113.1', 1), await fromClient('203.0.113.1', 2), await fromClient('203.0.113.2', 1), await fromClient('203.0.113.1', 3)];
    expect(trusted.map((res) => res.status)).toEqual([303, 303, 303, 429]);
    await h.close();
    h = await newsletterHarness({ NEWSLETTER_RATE_LIMIT: '2' });
    const direct = [await fromClient('203.0.113.1', 1), await fromClient('203.0.113.2', 1), await fromClient('203.0.113.3', 1)];
    expect(direct.map((res) => res.status)).toEqual([303, 303, 429]);
  });

  it('keeps every one of 200 concurrent sign-ups, and duplicates none', async () => {
    await h.close();
    h = await newsletterHarness({ NEWSLETTER_RATE_LIMIT: '1000' });
    const addresses = Array.from({ length: 150 }, (_, i) => `reader${i}@example.org`);
    const posts = [...addresses, ...addresses.slice(0, 50).map((address) => address.toUpperCase())];
    const responses = await Promise.all(posts.map((email) => h.signUp({ email })));
    expect(responses.map((res) => res.status)).toEqual(posts.map(() => 303));
    await h.newsletter.idle();
    expect(counts()).toEqual({ pending: 150, confirmed: 0, unsubscribed: 0 });
    const received = (await h.smtp.waitFor(150)).flatMap((message) => message.to);
    expect(received.sort()).toEqual([...addresses].sort());
  });
});
