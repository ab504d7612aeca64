import { parseContentFile, type ContentRecord } from '/work/main/src/content/parse.js';
import { DEFAULT_SITE } from '/work/main/src/content/site.js';
import { buildSnapshot } from '/work/main/src/content/snapshot.js';
import { words } from '/work/main/src/search/text.js';
import { ArticleIndex, fieldTermCounts } from '/work/main/src/search/article-index.js';
import { corpusFiles } from '/work/main/scripts/bench-corpus.js';
const N = Number(process.argv[2] ?? 2000);
const records: ContentRecord[] = [];
for (const [file, text] of corpusFiles({ articles: N, jobs: 0, seed: 1, base: '2026-06-30' })) {
  const r = parseContentFile('article', file, text, DEFAULT_SITE).record; if (r) records.push(r);
}
const snap = buildSnapshot({ site: DEFAULT_SITE, records, problems: [], fingerprints: ['x'], loadedAt: new Date() });
const texts = snap.articles.map(a => a.text);
for (let rep = 0; rep < 2; rep++) {
let t = performance.now(); let n = 0;
for (const x of texts) n += x.toLowerCase().split(/[^a-z0-9]+/).length;
console.log('split only', performance.now() - t, n);
t = performance.now(); n = 0;
for (const x of texts) n += words(x).length;
console.log('words()', performance.now() - t, n);
t = performance.now(); n = 0;
for (const x of texts) n += fieldTermCounts(x).size;
console.log('fieldTerms', performance.now() - t, n);
t = performance.now();
ArticleIndex.build(snap.articles);
console.log('ArticleIndex.build', performance.now() - t);
}
const cpu = process.cpuUsage();
let t = performance.now();
const idx = ArticleIndex.build(snap.articles);
console.log('build wall', performance.now() - t, 'cpu', process.cpuUsage(cpu).user / 1000);
