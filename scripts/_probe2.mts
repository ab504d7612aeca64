import { ContentLoader } from '../src/content/reloader.js';
import { buildSnapshot } from '../src/content/snapshot.js';
import { SiteView } from '../src/content/site-view.js';
const dir = process.argv[2]!;
const loader = new ContentLoader(dir);
const snap = await loader.load();
const records = [...snap.articles, ...snap.jobs];
const fps = snap.articles.map((a) => a.file + ':abcdefghijabcdefghijabcdefg');
for (let i = 0; i < 20; i++) {
  let t = performance.now();
  const s = buildSnapshot({ site: snap.site, topics: [], records, problems: [], fingerprints: fps, loadedAt: new Date() });
  const t1 = performance.now();
  new SiteView(s, new Date(), { preview: false });
  console.log('build', (t1 - t).toFixed(1), 'view', (performance.now() - t1).toFixed(1));
}
