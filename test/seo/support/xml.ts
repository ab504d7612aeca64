/** Validating crawler XML with the validators crawlers' owners publish: xmllint + XSD, jing + RELAX NG, a strict parser. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const run = promisify(execFile);
export const SCHEMAS = path.resolve(import.meta.dirname, '../../fixtures/schemas');

export interface Verdict {
  ok: boolean;
  output: string;
}

async function withFile(xml: string, check: (file: string) => Promise<unknown>): Promise<Verdict> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crawler-xml-'));
  const file = path.join(dir, 'doc.xml');
  try {
    await writeFile(file, xml);
    await check(file);
    return { ok: true, output: '' };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` || String(error) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `xmllint --noout --schema SCHEMA`: `sitemap.xsd`, `siteindex.xsd`, or `sitemap-all.xsd` for a urlset with news: elements. */
export function validateXsd(xml: string, schema: 'sitemap.xsd' | 'siteindex.xsd' | 'sitemap-all.xsd'): Promise<Verdict> {
  return withFile(xml, (file) => run('xmllint', ['--noout', '--schema', path.join(SCHEMAS, schema), file], { maxBuffer: 16 * 1024 * 1024 }));
}

/** `jing -c atom.rnc`: the RFC 4287 schema for Atom 1.0. */
export function validateAtom(xml: string): Promise<Verdict> {
  return withFile(xml, (file) => run('jing', ['-c', path.join(SCHEMAS, 'atom.rnc'), file]));
}

/** Well-formed (strict) and parsed; repeated elements are always arrays. */
export function parseStrict(xml: string, arrays: string[] = []): Record<string, any> {
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) throw new Error(`not well-formed XML: ${JSON.stringify(verdict.err)}`);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => arrays.includes(name), parseTagValue: false }).parse(xml);
}
