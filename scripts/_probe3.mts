import { writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { ContentLoader } from '../src/content/reloader.js';
import { ContentStore } from '../src/content/store.js';
const dir = mkdtempSync(path.join(tmpdir(), 'p3-'));
writeFileSync(dir + '/site.yaml', 'name: X\n');
const W = 'council budget report minister funding service plan review staff board scheme local authority'.split(' ');
for (let i = 0; i < 10000; i++) { const y = path.join(dir, 'articles', String(2015 + (i % 8))); mkdirSync(y, { recursive: true }); writeFileSync(path.join(y, `story-${i}.md`), `---\ntitle: Story ${i}\ndate: ${new Date(Date.UTC(2015,0,1)+i*3600_000*5).toISOString().slice(0,16)}\ntags: [a, b${i % 50}]\n---\n${Array.from({length:240},(_, k)=>W[(i*7+k)%W.length]).join(' ')}\n`); }
mkdirSync(dir + '/jobs');
for (let i = 0; i < 300; i++) writeFileSync(`${dir}/jobs/job-${i}.md`, `---\ntitle: Job ${i}\nemployer: E\nlocation: L\nsalary: S\nposted: 2016-01-01\ntags: [b${i % 50}]\n---\nA job.\n`);
const loader = new ContentLoader(dir);
const store = new ContentStore(await loader.load());
const config = readConfig({ CONTENT_DIR: dir, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
const app = createApp({ config, store });
const server = app.listen(0);
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as any).port}`;
const time = async (label: string, p: string) => { const t = performance.now(); const r = await fetch(url + p); await r.text(); console.log(label, r.status, (performance.now() - t).toFixed(1)); };
await time('first', '/news/story-5000');
await time('again', '/news/story-5000');
for (let k = 0; k < 3; k++) {
  const f = path.join(dir, 'articles', String(2015 + (5000 % 8)), 'story-5000.md');
  writeFileSync(f, `---\ntitle: Story edited ${k}\ndate: 2017-01-01\ntags: [a]\n---\nbody\n`);
  let t = performance.now();
  store.replace((await loader.reload([f])).snapshot);
  console.log('reload', (performance.now() - t).toFixed(1));
  await time('after', '/news/story-5000');
  await time('other', '/news/story-4000');
  await time('home', '/');
}
server.close();
