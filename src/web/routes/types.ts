import type { Config } from '../../config.js';
import type { ContentStore } from '../../content/store.js';

/** What every route module is given: the content, the clock and the configuration. */
export interface RouteDeps {
  store: ContentStore;
  now: () => Date;
  config: Config;
}
