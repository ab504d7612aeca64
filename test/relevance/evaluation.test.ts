/** The engine on the labelled evaluation set, and on the sample site's own stories. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { ContentStore } from '../../src/content/store.js';
import { relatedJobsFor } from '../../src/related-jobs.js';
import { HOLDOUT_DIR, engineRanker, evaluate, loadEvaluation, tfidfRanker } from '../../scripts/eval-relevance.js';

describe('the evaluation set (test/fixtures/relevance)', () => {
  it('meets the targets, clearly above a plain TF-IDF baseline, and never shows a closed or repeated job', async () => {
    const { view, judgements } = await loadEvaluation();
    expect(Object.keys(judgements).length).toBeGreaterThanOrEqual(20);
    expect(view.snapshot.jobs.length).toBeGreaterThanOrEqual(80);
    const engine = evaluate(view, judgements, engineRanker);
    const baseline = evaluate(view, judgements, tfidfRanker());
    expect(engine.precision).toBeGreaterThanOrEqual(0.9);
    expect(engine.ndcg).toBeGreaterThanOrEqual(0.95);
    expect(engine.firstRelevant).toBe(1);
    expect(engine.expiredShown).toBe(0);
    expect(engine.duplicatesShown).toBe(0);
    expect(engine.ndcg - baseline.ndcg).toBeGreaterThan(0.05);
    expect(engine.precision - baseline.precision).toBeGreaterThan(0.1);
  });
});

describe('the held-out set (test/fixtures/relevance-holdout, written independently of the engine)', () => {
  it('puts a relevant job first for every story, stays near the P@5 ceiling and above TF-IDF, and never shows a closed job', async () => {
    const { view, judgements } = await loadEvaluation(HOLDOUT_DIR);
    const engine = evaluate(view, judgements, engineRanker);
    const baseline = evaluate(view, judgements, tfidfRanker());
    expect(engine.firstRelevant).toBe(1);
    expect(engine.expiredShown).toBe(0);
    expect(engine.duplicatesShown).toBe(0);
    expect(engine.precision).toBeGreaterThanOrEqual(engine.precisionCeiling - 0.05);
    expect(engine.ndcg).toBeGreaterThanOrEqual(0.95);
    expect(engine.ndcg - baseline.ndcg).toBeGreaterThan(0.02);
    expect(engine.precision - baseline.precision).toBeGreaterThan(0.05);
  });
});

describe('the sample site (content/)', () => {
  const CHILDRENS_SOCIAL_CARE = /social work|child|famil|foster|residential|care leaver|safeguard|reviewing/i;

  it("shows children's social care jobs first on the Sandwell and Birmingham stories", async () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const view = new ContentStore(await loadContent(path.resolve(import.meta.dirname, '../../content'), { now })).view(now);
    const stories = view.articles.filter((article) => /sandwell|birmingham/.test(article.slug) && /children/.test(article.slug));
    expect(stories.length).toBeGreaterThanOrEqual(2);
    for (const story of stories) {
      const [first] = relatedJobsFor(view, story);
      expect(first, story.slug).toBeDefined();
      expect(`${first!.job.title} ${first!.job.employer} ${first!.job.tags.map((tag) => tag.name).join(' ')}`, story.slug).toMatch(CHILDRENS_SOCIAL_CARE);
    }
  });
});
