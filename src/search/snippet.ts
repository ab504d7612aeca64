/**
 * Snippets and highlighting as data: a list of text segments, each marked
 * highlighted or not. Templates print the text (autoescaped) and wrap the
 * highlighted ones in <mark>; no HTML is ever built here. Pure.
 */
import type { Article } from '../content/types.js';
import { indexTerm, wordSpans, type WordSpan } from './text.js';

export interface Segment {
  text: string;
  highlighted: boolean;
}

/** Words in a snippet. */
export const SNIPPET_WORDS = 30;
const FALLBACK_CHARS = 220;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** `text` cut into segments, the words whose index term is in `terms` highlighted. */
export function highlight(text: string, terms: ReadonlySet<string>): Segment[] {
  return segmentsOf(text, wordSpans(text), terms, 0, text.length);
}

/**
 * The passage of the article that best shows why it matched: the window of
 * about 30 words with the most distinct matched terms (standfirst or body),
 * with ellipses where it was cut. Without a match in either, the start of the
 * summary, unhighlighted.
 */
export function snippet(article: Article, terms: ReadonlySet<string>, size = SNIPPET_WORDS): Segment[] {
  const sources = article.hasStandfirst ? [article.summary, article.text] : [article.text];
  let best: { text: string; spans: WordSpan[]; start: number; end: number; score: number } | undefined;
  for (const source of sources) {
    const text = source;
    const spans = spansNearMatches(text, terms, size);
    const window = bestWindow(spans.map((span) => matchedTerm(span, terms)), size);
    if (window && (!best || window.score > best.score)) best = { text, spans, ...window };
  }
  if (!best) return article.summary ? [{ text: cut(article.summary), highlighted: false }] : [];
  const { text, spans, start, end } = best;
  // Uncut ends keep their punctuation; cut ends stop at a word.
  const cutStart = start > 0 || WORD_CHAR.test(text.slice(0, spans[0]!.start));
  const cutEnd = end < spans.length - 1 || WORD_CHAR.test(text.slice(spans.at(-1)!.end));
  const from = cutStart ? spans[start]!.start : 0;
  const to = cutEnd ? spans[end]!.end : text.length;
  const segments = segmentsOf(text, spans.slice(start, end + 1), terms, from, to);
  if (cutStart) segments.unshift({ text: '… ', highlighted: false });
  if (cutEnd) segments.push({ text: ' …', highlighted: false });
  return merge(segments);
}

/** Texts longer than this are only read near their likely matches. */
const SCAN_ALL_BELOW = 2000;
const REGION_CHARS = 600;

/**
 * Word spans of a text, or of the stretch of a long text around its densest
 * cluster of likely matches (words starting like a matched term), so a long
 * body is not split into words on every search. Falls back to the whole text
 * when a term is not plain ASCII; none when no word starts like a term.
 */
function spansNearMatches(text: string, terms: ReadonlySet<string>, size: number): WordSpan[] {
  if (text.length < SCAN_ALL_BELOW || !terms.size) return wordSpans(text);
  // Porter stems are prefixes of their words, except a final y → i (`county` → `counti`).
  const prefixes = [...terms].map((term) => term.replace(/i$/, '')).filter((prefix) => /^[a-z0-9]+$/.test(prefix));
  if (prefixes.length !== terms.size) return wordSpans(text);
  // ASCII prefixes, so a plain (non-Unicode) pattern finds them fast; `\b` only roughly marks a word's start, which is all a candidate needs.
  const candidates = [...text.matchAll(new RegExp(`\\b(?:${prefixes.join('|')})`, 'gi'))];
  // No word starting like a matched term: nothing to show from this text (the match was elsewhere, in the tags or places).
  if (!candidates.length) return [];
  let best = { at: candidates[0]!.index, kinds: 0 };
  for (let i = 0; i < candidates.length; i++) {
    const kinds = new Set<string>();
    for (let j = i; j < candidates.length && candidates[j]!.index - candidates[i]!.index < size * 8; j++) kinds.add(candidates[j]![0].toLowerCase());
    if (kinds.size > best.kinds) best = { at: candidates[i]!.index, kinds: kinds.size };
  }
  const from = Math.max(0, best.at - REGION_CHARS / 2);
  const to = Math.min(text.length, best.at + REGION_CHARS);
  // Whole words only: drop the first and last spans of a cut region.
  const spans = wordSpans(text.slice(from, to)).map((span) => ({ ...span, start: span.start + from, end: span.end + from }));
  return spans.filter((span, i) => (from === 0 || i > 0) && (to === text.length || i < spans.length - 1));
}

function matchedTerm(span: WordSpan, terms: ReadonlySet<string>): string | undefined {
  const term = indexTerm(span.word);
  return term !== null && terms.has(term) ? term : undefined;
}

/** The window of `size` words with the most distinct matches (then most matches), centred on them; undefined without a match. */
function bestWindow(matches: (string | undefined)[], size: number): { start: number; end: number; score: number } | undefined {
  const counts = new Map<string, number>();
  let bestStart = -1;
  let bestScore = 0;
  let total = 0;
  for (let i = 0; i < matches.length; i++) {
    const added = matches[i];
    if (added) {
      counts.set(added, (counts.get(added) ?? 0) + 1);
      total++;
    }
    const dropped = i >= size ? matches[i - size] : undefined;
    if (dropped) {
      const left = counts.get(dropped)! - 1;
      if (left) counts.set(dropped, left);
      else counts.delete(dropped);
      total--;
    }
    const score = counts.size * 1000 + total;
    if (score > bestScore) [bestScore, bestStart] = [score, Math.max(0, i - size + 1)];
  }
  if (bestStart < 0) return undefined;
  const inWindow = (i: number) => i >= bestStart && i < bestStart + size && matches[i] !== undefined;
  const first = matches.findIndex((_, i) => inWindow(i));
  const last = matches.findLastIndex((_, i) => inWindow(i));
  const start = Math.max(0, Math.min(Math.round((first + last) / 2 - size / 2), matches.length - size));
  return { start, end: Math.min(matches.length, start + size) - 1, score: bestScore };
}

function segmentsOf(text: string, spans: readonly WordSpan[], terms: ReadonlySet<string>, from: number, to: number): Segment[] {
  const segments: Segment[] = [];
  let at = from;
  for (const span of spans) {
    if (!matchedTerm(span, terms) || span.start < at) continue;
    if (span.start > at) segments.push({ text: text.slice(at, span.start), highlighted: false });
    segments.push({ text: text.slice(span.start, span.end), highlighted: true });
    at = span.end;
  }
  if (at < to) segments.push({ text: text.slice(at, to), highlighted: false });
  return merge(segments);
}

function merge(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged.at(-1);
    if (last && last.highlighted === segment.highlighted) last.text += segment.text;
    else if (segment.text) merged.push({ ...segment });
  }
  return merged;
}

function cut(text: string): string {
  if (text.length <= FALLBACK_CHARS) return text;
  const space = text.lastIndexOf(' ', FALLBACK_CHARS);
  return `${text.slice(0, space > 100 ? space : FALLBACK_CHARS)} …`;
}
