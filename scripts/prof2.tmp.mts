import { parseContentFile, type ContentRecord } from '/work/main/src/content/parse.js';
import { DEFAULT_SITE } from '/work/main/src/content/site.js';
import { buildSnapshot } from '/work/main/src/content/snapshot.js';
import { words } from '/work/main/src/search/text.js';
import { fieldTermCounts, ArticleIndex } from '/work/main/src/search/article-index.js';
import { corpusFiles } from '/work/main/scripts/bench-corpus.js';
import MiniSearch from 'minisearch';
const N = Number(process.argv[2] ?? 2000);
const records: ContentRecord[] = [];
for (const [file, text] of corpusFiles({ articles: N, jobs: 0, seed: 1, base: '2026-06-30' })) {
  const r = parseContentFile('article', file, text, DEFAULT_SITE).record; if (r) records.push(r);
}
const snap = buildSnapshot({ site: DEFAULT_SITE, records, problems: [], fingerprints: ['x'], loadedAt: new Date() });
const texts = snap.articles.map(a => a.text);
const cpu = (f: () => unknown, label: string) => { const c = process.cpuUsage(); const t = performance.now(); f(); console.log(label, 'cpu', (process.cpuUsage(c).user / 1000).toFixed(0), 'wall', (performance.now() - t).toFixed(0)); };
for (let i = 0; i < 2; i++) {
cpu(() => { for (const x of texts) x.toLowerCase().split(/[^a-z0-9]+/); }, 'split');
cpu(() => { for (const x of texts) words(x); }, 'words');
cpu(() => { for (const x of texts) { const m = new Map(); for (const w of words(x)) m.set(w, (m.get(w) ?? 0) + 1); } }, 'words+count');
cpu(() => { for (const x of texts) fieldTermCounts(x); }, 'fieldTermCounts');
cpu(() => ArticleIndex.build(snap.articles), 'build');
}
const idx = ArticleIndex.build(snap.articles) as any;
const plain = idx.mini.toJSON();
console.log('terms', plain.index.length);
for (let i = 0; i < 3; i++) cpu(() => MiniSearch.loadJS(plain, { fields: ['title', 'tags', 'summary', 'places', 'authors', 'text'] }), 'loadJS');
