/**
 * Holds the live snapshot and hands out views of it. Swapping a snapshot is
 * one assignment, so a request that took a view sees one content version
 * from start to end, never a mix.
 */
import { SiteView, type ViewOptions } from './site-view.js';
import type { ContentSnapshot } from './snapshot.js';

export class ContentStore {
  private current: ContentSnapshot;
  private cachedView: SiteView | undefined;

  constructor(
    snapshot: ContentSnapshot,
    private readonly options: ViewOptions = { preview: false },
  ) {
    this.current = snapshot;
  }

  get snapshot(): ContentSnapshot {
    return this.current;
  }

  /** Publishes a new snapshot; requests already running keep the view they took. */
  replace(snapshot: ContentSnapshot): void {
    this.current = snapshot;
    this.cachedView = undefined;
  }

  /** The view at `now`, reused until content changes or a scheduled moment passes. */
  view(now: Date): SiteView {
    const cached = this.cachedView;
    if (cached && cached.snapshot === this.current && now >= cached.now && (!cached.validUntil || now < cached.validUntil)) return cached;
    const view = new SiteView(this.current, now, this.options);
    this.cachedView = view;
    return view;
  }
}
