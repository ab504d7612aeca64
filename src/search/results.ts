/** What the search page shows: result items with highlighted title and snippet, and topics to suggest. Pure. */
import type { SiteView } from '../content/site-view.js';
import type { Article, NamedRef } from '../content/types.js';
import type { ScoredArticle } from './ranking.js';
import { highlight, snippet, type Segment } from './snippet.js';

export interface SearchResultItem {
  article: Article;
  /** The headline, matched words highlighted. */
  title: Segment[];
  snippet: Segment[];
}

/** Result items for one page of hits (snippets are only made for what is shown). */
export function searchResultItems(hits: readonly ScoredArticle[]): SearchResultItem[] {
  return hits.map((hit) => {
    const terms = new Set(hit.terms);
    return { article: hit.article, title: highlight(hit.article.title, terms), snippet: snippet(hit.article, terms) };
  });
}

const popular = new WeakMap<SiteView, NamedRef[]>();

/** The view's topics with the most articles, for "browse topics" when nothing matched. */
export function popularTags(view: SiteView, count = 8): NamedRef[] {
  let tags = popular.get(view);
  if (!tags) {
    tags = [...view.tags.values()]
      .sort((a, b) => b.articles.length - a.articles.length || a.tag.name.localeCompare(b.tag.name, 'en-GB'))
      .slice(0, count)
      .map((listing) => listing.tag);
    popular.set(view, tags);
  }
  return tags;
}
