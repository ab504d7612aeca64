/** Parsing pages and the checks every HTML page must pass. */
import * as cheerio from 'cheerio';
import { expect } from 'vitest';

export function parse(html: string): cheerio.CheerioAPI {
  return cheerio.load(html);
}

/** A complete HTML page: status, Content-Type, one <h1>, lang, absolute canonical. */
export function expectPageBasics(res: { status: number; headers: Record<string, string>; text: string }, status = 200): cheerio.CheerioAPI {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
  expect(res.text.startsWith('<!doctype html>')).toBe(true);
  const $ = parse(res.text);
  expect($('h1')).toHaveLength(1);
  expect($('html').attr('lang')).toBeTruthy();
  expect($('link[rel="canonical"]').attr('href')).toMatch(/^https?:\/\//);
  return $;
}
