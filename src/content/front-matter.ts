/**
 * Splits a content file into front matter and body. gray-matter finds the
 * fences; the YAML inside is read with the `yaml` package's core schema, so
 * dates stay as the text the editor wrote (see dates.ts), aliases are bounded
 * ("billion laughs"), duplicate keys are errors, and every key keeps its line.
 *
 * Fast path: most front matter is plain `key: value` lines with no anchors,
 * aliases or tags. That is read with js-yaml's JSON schema (the same values
 * for such text: strings, numbers, true/false, null, lists; no timestamps),
 * about five times faster, with key lines found by a scan. Anything else, and
 * anything js-yaml refuses, goes the full way, which names the error and line.
 */
import matter from 'gray-matter';
import jsYaml from 'js-yaml';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** 1-based file line of each top-level front-matter key. */
  keyLines: Map<string, number>;
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'FrontMatterError';
  }
}

const MAX_ALIAS_COUNT = 50;
/** A closed front-matter block at the start of a file, its closing `---` line included. */
const FRONT_MATTER_BLOCK = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * A file that opens front matter and never closes it, as a half-written file
 * does: gray-matter would take it all as front matter and publish an empty body.
 */
export function hasUnclosedFrontMatter(text: string): boolean {
  const source = text.replace(/^\uFEFF/, '');
  return /^---[ \t]*\r?\n/.test(source) && !FRONT_MATTER_BLOCK.test(source);
}

/** Parses a file's text; throws FrontMatterError with a line when the YAML is broken. */
export function parseFrontMatter(text: string): FrontMatter {
  const source = text.replace(/^\uFEFF/, '');
  const keyLines = new Map<string, number>();
  // gray-matter hands over the text after the opening `---` including its newline,
  // so YAML line numbers are already file line numbers.
  const engine = (yamlText: string): Record<string, unknown> => parseSimpleYaml(yamlText, keyLines) ?? parseYaml(yamlText, keyLines);
  // gray-matter copies all it is given into a Buffer: give it the front matter block only, and slice the body off here.
  const block = FRONT_MATTER_BLOCK.exec(source)?.[0];
  let data: Record<string, unknown>;
  let content: string | undefined;
  try {
    // A closed block is read as gray-matter reads it, without its copies and option merging (see blockYaml).
    const yamlText = block === undefined ? undefined : blockYaml(block);
    if (yamlText !== undefined) data = isBlankYaml(yamlText) ? {} : engine(yamlText);
    else {
      const options = { engines: { yaml: { parse: engine, stringify: () => '' } } };
      const parsed = matter(block ?? source, options as unknown as Parameters<typeof matter>[1]);
      data = parsed.data as Record<string, unknown>;
      content = parsed.content;
    }
  } catch (error) {
    if (error instanceof FrontMatterError) throw error;
    throw new FrontMatterError(error instanceof Error ? error.message : String(error));
  }
  return { data, body: block ? source.slice(block.length) : content!, keyLines };
}

/**
 * The YAML text gray-matter hands its engine for a closed front-matter block
 * (FRONT_MATTER_BLOCK): what lies between the opening `---` and the first
 * `\n---` after it. gray-matter 4 takes a first line after `---` as a language
 * name; here that line is blank (the block's pattern), so it is YAML, as
 * gray-matter would read it. Undefined for anything else, which gray-matter reads.
 */
export function blockYaml(block: string): string | undefined {
  if (!block.startsWith('---') || block[3] === '-') return undefined;
  const rest = block.slice(3);
  const firstLine = rest.slice(0, rest.search(/\r?\n/));
  if (firstLine.trim() !== '') return undefined;
  const close = rest.indexOf('\n---');
  return close < 0 ? undefined : rest.slice(0, close);
}

/** gray-matter's test for front matter with nothing to parse (blank, or only comments): its data is then {}. */
export function isBlankYaml(yamlText: string): boolean {
  return yamlText.replace(/^\s*#[^\n]+/gm, '').trim() === '';
}

/** Parses a YAML mapping (front matter or site.yaml); `lineOffset` is added to reported lines. */
export function parseYaml(yamlText: string, keyLines: Map<string, number>, lineOffset = 0): Record<string, unknown> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { schema: 'core', uniqueKeys: true, prettyErrors: false, lineCounter });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.pos ? lineCounter.linePos(firstError.pos[0]).line + lineOffset : undefined;
    throw new FrontMatterError(`invalid YAML: ${firstError.message.split('\n')[0]}`, line);
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) throw new FrontMatterError('expected "key: value" lines', 1 + lineOffset);
  for (const item of doc.contents.items) {
    if (isScalar(item.key) && item.key.range) {
      keyLines.set(String(item.key.value), lineCounter.linePos(item.key.range[0]).line + lineOffset);
    }
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new FrontMatterError(`invalid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (value ?? {}) as Record<string, unknown>;
}

/** An anchor, alias or tag token (`&a`, `*a`, `!tag`) or a merge key: the fast path does not take these. */
const NOT_SIMPLE = /(^|[\s[{,:-])[&*!][^\s,[\]{}]|<<|^%/m;
const TOP_LEVEL_KEY = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/;

/** The fast path: block-style front matter with no anchors, aliases or tags; undefined to take the full path. */
function parseSimpleYaml(yamlText: string, keyLines: Map<string, number>): Record<string, unknown> | undefined {
  if (NOT_SIMPLE.test(yamlText)) return undefined;
  let value: unknown;
  try {
    value = jsYaml.safeLoad(yamlText, { schema: jsYaml.JSON_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const lines = yamlText.split('\n');
  const found = new Map<string, number>();
  // The text starts with the newline that ends the opening `---`: index i is file line i + 1.
  lines.forEach((line, index) => {
    const key = TOP_LEVEL_KEY.exec(line)?.[1];
    if (key !== undefined) found.set(key, index + 1);
  });
  // Keys written in another form (quoted, flow style) are left to the full path.
  if (found.size !== Object.keys(value).length) return undefined;
  for (const [key, line] of found) keyLines.set(key, line);
  return value as Record<string, unknown>;
}
