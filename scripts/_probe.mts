import { writeFileSync } from 'node:fs';
import { ContentLoader } from '../src/content/reloader.js';
import { buildSnapshot } from '../src/content/snapshot.js';
import { SiteView } from '../src/content/site-view.js';
const dir = process.argv[2]!;
const loader = new ContentLoader(dir);
let t = performance.now();
const snap = await loader.load();
console.log('load', performance.now() - t, snap.articles.length);
const file = `${dir}/articles/2015/story-8.md`;
for (let i = 0; i < 5; i++) {
  writeFileSync(file, `---\ntitle: Edited ${i}\ndate: 2015-01-02\n---\nbody\n`);
  t = performance.now();
  const r = await loader.reload([file]);
  const t1 = performance.now();
  const v = new SiteView(r.snapshot, new Date(), { preview: false });
  console.log('reload', (t1 - t).toFixed(1), 'view', (performance.now() - t1).toFixed(1), r.changed);
}
t = performance.now();
buildSnapshot({ site: snap.site, topics: [], records: [...snap.articles, ...snap.jobs], problems: [], fingerprints: snap.articles.map((a) => a.file + ':abcdefghijabcdefghijabcdefg'), loadedAt: new Date() });
console.log('build only', performance.now() - t);
