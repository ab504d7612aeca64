/**
 * Finds known phrases (vocabulary terms, place names) in a run of words:
 * a trie over light word forms, longest match first, left to right, so
 * "children's social care" is one match and not also "social care".
 */
import type { Word } from './text.js';

interface Node<T> {
  next: Map<string, Node<T>>;
  values: T[];
}

export interface PhraseMatch<T> {
  /** Index of the first and one past the last matched word. */
  start: number;
  end: number;
  values: readonly T[];
}

export class PhraseMatcher<T> {
  private readonly root: Node<T> = { next: new Map(), values: [] };

  add(lights: readonly string[], value: T): void {
    if (lights.length === 0) return;
    let node = this.root;
    for (const light of lights) {
      let child = node.next.get(light);
      if (!child) node.next.set(light, (child = { next: new Map(), values: [] }));
      node = child;
    }
    if (!node.values.includes(value)) node.values.push(value);
  }

  /** Non-overlapping longest matches. With `capitalised`, a match must start with a capitalised word (names in running text). */
  match(words: readonly Word[], capitalised = false): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < words.length) {
      let node: Node<T> | undefined = this.root;
      let best: PhraseMatch<T> | undefined;
      if (!capitalised || words[i]!.capital) {
        for (let j = i; j < words.length; j++) {
          node = node.next.get(words[j]!.light);
          if (!node) break;
          if (node.values.length) best = { start: i, end: j + 1, values: node.values };
        }
      }
      if (best) {
        matches.push(best);
        i = best.end;
      } else i++;
    }
    return matches;
  }
}
