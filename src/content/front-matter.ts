/**
 * Splits a content file into front matter and body. gray-matter finds the
 * fences; the YAML inside is read with the `yaml` package's core schema, so
 * dates stay as the text the editor wrote (see dates.ts), aliases are bounded
 * ("billion laughs"), duplicate keys are errors, and every key keeps its line.
 */
import matter from 'gray-matter';
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

/** Parses a file's text; throws FrontMatterError with a line when the YAML is broken. */
export function parseFrontMatter(text: string): FrontMatter {
  const source = text.replace(/^\uFEFF/, '');
  const keyLines = new Map<string, number>();
  // gray-matter hands over the text after the opening `---` including its newline,
  // so YAML line numbers are already file line numbers.
  const engine = (yamlText: string): Record<string, unknown> => parseYaml(yamlText, keyLines);
  let parsed: matter.GrayMatterFile<string>;
  try {
    const options = { engines: { yaml: { parse: engine, stringify: () => '' } } };
    parsed = matter(source, options as unknown as Parameters<typeof matter>[1]);
  } catch (error) {
    if (error instanceof FrontMatterError) throw error;
    throw new FrontMatterError(error instanceof Error ? error.message : String(error));
  }
  return { data: parsed.data as Record<string, unknown>, body: parsed.content, keyLines };
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
