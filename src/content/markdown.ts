/**
 * Markdown to safe HTML (and, re-exported from markdown-text.ts, Markdown to plain text).
 * Raw HTML in bodies is allowed by Markdown, so everything marked produces
 * goes through sanitize-html with an allow-list: active content never survives.
 */
import { Marked } from 'marked';
import type SanitizeHtml from 'sanitize-html';
import { lazyModule } from '../lazy-module.js';
import { markdownToText } from './markdown-text.js';

export { firstParagraph, firstParagraphWithin, markdownToText, readingMinutes, readingMinutesOfBytes, truncateText } from './markdown-text.js';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Loaded when the first body is rendered, not at start-up. */
const sanitizeHtml = lazyModule<typeof SanitizeHtml>('sanitize-html');

const SANITIZE: SanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'a', 'img', 'ul', 'ol', 'li', 'blockquote',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'figure', 'figcaption',
    'strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'code', 'pre',
    'kbd', 'abbr', 'cite', 'q', 'dl', 'dt', 'dd', 'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    th: ['colspan', 'rowspan', 'scope', 'class'],
    td: ['colspan', 'rowspan', 'class'],
    ol: ['start'],
    abbr: ['title'],
    code: ['class'],
  },
  allowedClasses: { th: ['align-left', 'align-center', 'align-right'], td: ['align-left', 'align-center', 'align-right'], code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside these is dropped along with the tag, not shown as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'template', 'title', 'svg', 'math', 'object', 'embed', 'form'],
  transformTags: {
    // The page's headline is its only <h1>: body headings start at <h2>.
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: linkAttributes(attribs) }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
    th: alignToClass,
    td: alignToClass,
  },
};

function linkAttributes(attribs: SanitizeHtml.Attributes): SanitizeHtml.Attributes {
  const href = attribs.href ?? '';
  const external = /^https?:\/\//i.test(href.trim());
  const { rel: _ignored, ...rest } = attribs;
  return external ? { ...rest, rel: 'noopener' } : rest;
}

function alignToClass(tagName: string, attribs: SanitizeHtml.Attributes): SanitizeHtml.Tag {
  const { align, style: _style, ...rest } = attribs;
  return { tagName, attribs: align ? { ...rest, class: `align-${align}` } : rest };
}

/** A line nested 50 block quotes or list items deep: no article has one. */
const TOO_DEEP = /^[ \t]*(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*){50}/m;

/** Renders a Markdown body to sanitised HTML. */
export function renderMarkdown(markdown: string): string {
  let html: string | undefined;
  // marked recurses once per level of nesting: thousands of `>` take a minute and then
  // overflow the stack. Such a body is shown as its words, in one plain paragraph.
  if (!TOO_DEEP.test(markdown)) {
    try {
      html = marked.parse(markdown, { async: false });
    } catch {
      html = undefined;
    }
  }
  html ??= `<p>${markdownToText(markdown).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
  return sanitizeHtml()(html, SANITIZE);
}
