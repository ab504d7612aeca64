/**
 * Markdown to safe HTML, and Markdown to plain text.
 * Raw HTML in bodies is allowed by Markdown, so everything marked produces
 * goes through sanitize-html with an allow-list: active content never survives.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
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

function linkAttributes(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const href = attribs.href ?? '';
  const external = /^https?:\/\//i.test(href.trim());
  const { rel: _ignored, ...rest } = attribs;
  return external ? { ...rest, rel: 'noopener' } : rest;
}

function alignToClass(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
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
  return sanitizeHtml(html, SANITIZE);
}

/** Markdown to plain text: markup, links' URLs, images and raw HTML removed; whitespace folded. */
export function markdownToText(markdown: string): string {
  return collapse(
    stripElements(markdown)
      .replace(/<[^<>]*>/g, ' ')
      .replace(/```[^`\n]*\n/g, '\n')
      .replace(/!\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, ' ')
      .replace(/\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/\[([^[\]]*)\]\[[^[\]]*\]/g, '$1')
      .replace(/^[ \t]{0,3}\[[^[\]\n]+\]:[ \t]*\S+.*$/gm, ' ')
      .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '')
      .replace(/^\s*([-*_]\s*){3,}$/gm, ' ')
      .replace(/(\*\*|__|~~|`)/g, '')
      .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
      .replace(/\|/g, ' ')
      .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (_m, name: string) => ENTITIES[name] ?? ' '),
  );
}

/**
 * Removes comments and script-like elements with their contents. Linear time:
 * an opener with no closer after it ends the search, where a lazy regex would
 * rescan the rest of the text from each of thousands of unclosed openers.
 */
function stripElements(text: string): string {
  let result = removeBetween(text, /<!--/g, /-->/g);
  for (const name of ['script', 'style', 'iframe', 'svg', 'template', 'noscript']) {
    result = removeBetween(result, new RegExp(`<${name}\\b`, 'gi'), new RegExp(`<\\/${name}\\s*>`, 'gi'));
  }
  return result;
}

function removeBetween(text: string, open: RegExp, close: RegExp): string {
  let result = '';
  let index = 0;
  for (;;) {
    open.lastIndex = index;
    const opener = open.exec(text);
    if (!opener) break;
    close.lastIndex = opener.index + opener[0].length;
    const closer = close.exec(text);
    if (!closer) break;
    result += `${text.slice(index, opener.index)} `;
    index = closer.index + closer[0].length;
  }
  return result + text.slice(index);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** The first paragraph of a Markdown body, as plain text (headings, images and rules skipped). */
export function firstParagraph(markdown: string): string {
  // Walk the blocks one at a time: a long body is not split whole to find its first paragraph.
  const blankLine = /\n[ \t]*(?:\r?\n)/g;
  let start = 0;
  while (start <= markdown.length) {
    const match = blankLine.exec(markdown);
    const end = match ? match.index : markdown.length;
    const trimmed = markdown.slice(start, end).trim();
    if (trimmed && !/^(#{1,6}\s|!\[|<(?!a\b|strong\b|em\b|b\b|i\b)|([-*_]\s*){3,}$|```|\|)/.test(trimmed)) {
      const text = markdownToText(trimmed);
      if (text) return text;
    }
    if (!match) break;
    start = blankLine.lastIndex;
  }
  return '';
}

/** Cuts plain text to at most `max` characters at a word boundary, adding an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.5 ? cut.slice(0, lastSpace) : cut;
  return `${base.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** Minutes to read a text (Markdown or plain) at 230 words a minute; words counted in one pass, no regular expressions. */
export function readingMinutes(text: string): number {
  return readingMinutesOfBytes(Buffer.from(text, 'utf8'));
}

/** The same, counted on UTF-8 bytes (separators and markup characters are single bytes; other characters never match them). */
export function readingMinutesOfBytes(text: Uint8Array): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text[i]!;
    // Space, tab, newline, carriage return: word separators. Markup characters alone are not words.
    const separator = code === 32 || code === 10 || code === 9 || code === 13;
    if (separator) inWord = false;
    else if (!inWord && code !== 35 && code !== 42 && code !== 62 && code !== 45 && code !== 124) {
      words++;
      inWord = true;
    }
  }
  return Math.max(1, Math.round(words / 230));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
