/**
 * What an HTML page must not contain for hostile content to be harmless:
 * the checks a browser test makes by watching, made on the markup itself.
 * Returns the problems found (an empty list is a pass), so a failure names
 * the page and the element.
 */
import * as cheerio from 'cheerio';

/** Elements that run code, load other documents or change how the page is read. */
const FORBIDDEN = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'style', 'meta[http-equiv]', 'portal', 'noembed', 'xmp', 'plaintext'];
/** Attributes whose value is a URL the browser may follow or load. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'cite', 'srcset', 'ping'];
/** Attributes that make the browser fetch without a click. */
const LOADING = new Set(['src', 'srcset', 'poster', 'data', 'background']);

export function inertProblems(html: string, ownOrigins: readonly string[]): string[] {
  const $ = cheerio.load(html);
  const problems: string[] = [];
  $('script').each((_, element) => {
    const script = $(element);
    if (script.attr('type') !== 'application/ld+json' || script.attr('src')) problems.push(`script element: ${$.html(element).slice(0, 120)}`);
    else {
      try {
        JSON.parse(script.text());
      } catch {
        problems.push(`JSON-LD that is not JSON: ${script.text().slice(0, 120)}`);
      }
    }
  });
  for (const selector of FORBIDDEN) $(selector).each((_, element) => void problems.push(`${selector}: ${$.html(element).slice(0, 120)}`));
  $('*').each((_, element) => {
    const attribs = (element as { attribs?: Record<string, string> }).attribs ?? {};
    const tag = (element as { tagName?: string }).tagName ?? '';
    for (const [name, value] of Object.entries(attribs)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc') problems.push(`<${tag} ${name}="${value.slice(0, 60)}">`);
      if (!URL_ATTRIBUTES.includes(lower)) continue;
      // Browsers ignore ASCII whitespace and control characters inside a scheme.
      const url = value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
      if (/^(javascript|vbscript|data|livescript|mocha):/.test(url)) problems.push(`<${tag} ${name}="${value.slice(0, 60)}">`);
      const loads = LOADING.has(lower) || (tag === 'link' && lower === 'href' && !/\bcanonical\b|\bprev\b|\bnext\b|\balternate\b/.test(attribs.rel ?? ''));
      if (loads && !isOwn(value, ownOrigins)) problems.push(`<${tag} ${name}="${value.slice(0, 60)}"> loads from elsewhere`);
    }
  });
  $('form').each((_, element) => {
    const action = $(element).attr('action') ?? '';
    if (!/^\/(?!\/)/.test(action)) problems.push(`form posting to ${action || '(this page)'}`);
  });
  if ($('h1').length !== 1) problems.push(`${$('h1').length} <h1> elements`);
  if ($('main').length !== 1 || $('footer.site-footer').length !== 1 || $('main footer.site-footer').length) problems.push('page structure broken (main and footer)');
  return problems;
}

function isOwn(value: string, ownOrigins: readonly string[]): boolean {
  try {
    const url = new URL(value.trim(), 'http://own.invalid/');
    return url.origin === 'http://own.invalid' || ownOrigins.includes(url.origin);
  } catch {
    return false;
  }
}
