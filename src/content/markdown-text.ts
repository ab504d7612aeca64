/**
 * Markdown to plain text, first paragraphs, cutting text and counting words:
 * what loading content needs, without the Markdown renderer and sanitiser
 * (markdown.ts), so a thread that only reads files does not load them.
 */

/**
 * Markdown to plain text: markup, links' URLs, images and raw HTML removed; whitespace folded.
 * A step whose pattern needs a character the text no longer has (`<`, `[`, a
 * fence, `*` or `_`, `|`, `&`) is skipped: it could not change anything.
 */
export function markdownToText(markdown: string): string {
  let text = markdown.includes('<') ? stripElements(markdown).replace(/<[^<>]*>/g, ' ') : markdown;
  if (text.includes('```')) text = text.replace(/```[^`\n]*\n/g, '\n');
  if (text.includes('[')) {
    text = text
      .replace(/!\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, ' ')
      .replace(/\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/\[([^[\]]*)\]\[[^[\]]*\]/g, '$1')
      .replace(/^[ \t]{0,3}\[[^[\]\n]+\]:[ \t]*\S+.*$/gm, ' ');
  }
  text = text
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*([-*_]\s*){3,}$/gm, ' ')
    .replace(/(\*\*|__|~~|`)/g, '');
  if (text.includes('*') || text.includes('_')) text = text.replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2');
  if (text.includes('|')) text = text.replace(/\|/g, ' ');
  if (text.includes('&')) text = text.replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (_m, name: string) => ENTITIES[name] ?? ' ');
  return collapse(text);
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
  return findFirstParagraph(markdown, true) ?? '';
}

/**
 * The same for the start of a longer body: the first paragraph when a blank
 * line ends it within `start` (then it is the whole body's first paragraph as
 * well), undefined when the body has to be read further to know.
 */
export function firstParagraphWithin(start: string): string | undefined {
  return findFirstParagraph(start, false);
}

function findFirstParagraph(markdown: string, whole: boolean): string | undefined {
  // Walk the blocks one at a time: a long body is not split whole to find its first paragraph.
  const blankLine = /\n[ \t]*(?:\r?\n)/g;
  let start = 0;
  while (start <= markdown.length) {
    const match = blankLine.exec(markdown);
    // The last block of a start may go on past it.
    if (!match && !whole) return undefined;
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

/**
 * Word counting as a table: WORD_STEPS[(inWord << 8) | byte] is the next
 * state (bit 0: inside a word) plus 2 when the byte starts a word. Space, tab,
 * newline and carriage return separate words; a run of markup characters alone
 * (`#`, `*`, `>`, `-`, `|`) is not a word.
 */
const WORD_STEPS = (() => {
  const steps = new Uint8Array(512);
  for (let inWord = 0; inWord < 2; inWord++) {
    for (let code = 0; code < 256; code++) {
      const separator = code === 32 || code === 10 || code === 9 || code === 13;
      const markup = code === 35 || code === 42 || code === 62 || code === 45 || code === 124;
      steps[(inWord << 8) | code] = separator ? 0 : inWord ? 1 : markup ? 0 : 3;
    }
  }
  return steps;
})();

/** The same, counted on UTF-8 bytes (separators and markup characters are single bytes; other characters never match them). */
export function readingMinutesOfBytes(text: Uint8Array): number {
  let words = 0;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const step = WORD_STEPS[(state << 8) | text[i]!]!;
    words += step >> 1;
    state = step & 1;
  }
  return Math.max(1, Math.round(words / 230));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
