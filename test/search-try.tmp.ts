import request from 'supertest';
import { testApp } from './support/app.js';
const t = await testApp();
for (const u of ['/search', '/search?q=sandwell', '/search?q=trust+sandwel', '/jobs?q=worker&hours=full+time', '/jobs?salary_min=30000', '/search?q=%3Cscript%3E']) {
  const r = await request(t.app).get(u);
  console.log(u, r.status);
  console.log(r.text.replace(/[\s\S]*<main[^>]*>/, '').replace(/<\/main>[\s\S]*/, '').slice(0, 2500));
}
