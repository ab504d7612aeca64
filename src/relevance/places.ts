/**
 * Place: which council area and region a story or a job is about, from the
 * gazetteer of English local authorities (gazetteer.json), and how close two
 * sets of places are: same authority > same county or city region > same
 * region > nothing.
 */
import gazetteer from './gazetteer.json' with { type: 'json' };
import { PhraseMatcher } from './phrases.js';
import { phrase, words, type Word } from './text.js';

export interface Place {
  id: number;
  name: string;
  /** Region of England (for a region, itself). */
  region: number;
  /** The county or grouping an authority is in. */
  parent?: number;
  kind: 'authority' | 'region';
}

export interface PlaceMatch {
  score: number;
  /** e.g. "same area: Sandwell", "same region: West Midlands". */
  label: string;
}

type AuthorityData = string[] | { in: string; towns: string[] };
interface GazetteerData {
  textAmbiguous: string[];
  regions: Record<string, { aliases: string[]; authorities: Record<string, AuthorityData> }>;
}

const SAME_AUTHORITY = 1;
const WITHIN = 0.85;
const SAME_COUNTY = 0.7;
const SAME_REGION = 0.35;

export class Gazetteer {
  readonly places: Place[] = [];
  private readonly matcher = new PhraseMatcher<number>();
  /** Light-form phrases that count only in place fields, not in running text. */
  private readonly ambiguous = new Set<string>();

  constructor(data: GazetteerData = gazetteer as GazetteerData) {
    for (const name of data.textAmbiguous) this.ambiguous.add(phrase(name).join(' '));
    const byName = new Map<string, number>();
    for (const [regionName, region] of Object.entries(data.regions)) {
      const regionId = this.add({ name: regionName, kind: 'region' }, [regionName, ...region.aliases]);
      (this.places[regionId] as { region: number }).region = regionId;
      for (const [name, value] of Object.entries(region.authorities)) {
        const towns = Array.isArray(value) ? value : value.towns;
        byName.set(name, this.add({ name, kind: 'authority', region: regionId }, [name, ...towns]));
      }
      for (const [name, value] of Object.entries(region.authorities)) {
        if (!Array.isArray(value)) (this.places[byName.get(name)!] as { parent?: number }).parent = byName.get(value.in);
      }
    }
  }

  /** Places named in `run`. In running text a name must be capitalised and unambiguous. */
  find(run: readonly Word[], runningText: boolean): { places: Place[]; positions: Set<number> } {
    const places: Place[] = [];
    const positions = new Set<number>();
    for (const match of this.matcher.match(run, runningText)) {
      const key = run.slice(match.start, match.end).map((word) => word.light).join(' ');
      if (runningText && this.ambiguous.has(key)) continue;
      for (let i = match.start; i < match.end; i++) positions.add(i);
      for (const id of match.values) places.push(this.places[id]!);
    }
    return { places, positions };
  }

  /** Places in a field such as `places` or a job's location. */
  findIn(text: string): Place[] {
    return this.find(words(text), false).places;
  }

  /** How close the nearest pair of places is. */
  compare(a: readonly Place[], b: readonly Place[]): PlaceMatch | undefined {
    let score = 0;
    let label = '';
    for (const x of a) {
      for (const y of b) {
        const [closeness, name] = this.closeness(x, y);
        if (closeness > score) [score, label] = [closeness, name];
      }
    }
    return score > 0 ? { score, label } : undefined;
  }

  /** Closeness of two places (0–1) and what they share. */
  private closeness(x: Place, y: Place): [number, string] {
    if (x.kind === 'authority' && y.kind === 'authority') {
      if (x.id === y.id) return [SAME_AUTHORITY, `same area: ${x.name}`];
      if (x.id === y.parent) return [WITHIN, `same area: ${x.name}`];
      if (y.id === x.parent) return [WITHIN, `same area: ${y.name}`];
      if (x.parent !== undefined && x.parent === y.parent) return [SAME_COUNTY, `same county: ${this.places[x.parent]!.name}`];
    }
    return x.region === y.region ? [SAME_REGION, `same region: ${this.places[x.region]!.name}`] : [0, ''];
  }

  /** Closeness of every gazetteer place to the nearest of `a`, by place id: one lookup per job when ranking thousands. */
  table(a: readonly Place[]): Float64Array {
    const table = new Float64Array(this.places.length);
    for (const y of this.places) for (const x of a) table[y.id] = Math.max(table[y.id]!, this.closeness(x, y)[0]);
    return table;
  }

  private add(place: Omit<Place, 'id' | 'region'> & { region?: number }, names: string[]): number {
    const id = this.places.length;
    this.places.push({ ...place, id, region: place.region ?? id });
    for (const name of names) this.matcher.add(phrase(name), id);
    return id;
  }
}
