/**
 * Every page type is valid HTML5: a sample of each, rendered by the real app
 * on the sample content, checked by the Nu Html Checker (vnu-jar) in one Java
 * run. Warnings are allowed; errors are not.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { samplePages } from '../e2e/support/pages.js';
import { SAMPLE_CONTENT, SAMPLE_NOW } from '../e2e/support/server.js';

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Runs the checker once over every file; resolves with its messages. */
function vnu(files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile('java', ['-Xss4m', '-jar', VNU, '--format', 'json', '--stdout', ...files], { maxBuffer: 32 * 1024 * 1024 }, (error, stdout) => {
      if (!stdout) return reject(error ?? new Error('vnu: no output'));
      resolve((JSON.parse(stdout) as { messages: VnuMessage[] }).messages);
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vnu-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('renders every page type as valid HTML (zero Nu Html Checker errors)', async () => {
  const { app, store } = await testApp({ contentDir: SAMPLE_CONTENT, now: SAMPLE_NOW });
  const samples = [...samplePages(store, SAMPLE_NOW), { kind: 'home-page-2', path: '/page/2', status: 200 }];
  const files: string[] = [];
  const wrong: string[] = [];
  for (const sample of samples) {
    const res = await request(app).get(sample.path);
    if (res.status !== sample.status || res.type !== 'text/html') wrong.push(`${sample.path}: ${res.status} ${res.type}, expected ${sample.status} text/html`);
    const file = path.join(dir, `${sample.kind}.html`);
    await writeFile(file, res.text);
    files.push(file);
  }
  const errors = (await vnu(files))
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => `${path.basename(m.url ?? '')}:${m.lastLine ?? '?'}: ${m.message}${m.extract ? `\n    ${m.extract.trim()}` : ''}`);
  expect(errors, errors.join('\n')).toEqual([]);
  expect(wrong).toEqual([]);
  // The checker really ran over every page (an empty list would otherwise pass).
  expect(files).toHaveLength(samples.length);
}, 120_000);
