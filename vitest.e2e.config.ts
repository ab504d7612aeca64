import { defineConfig } from 'vitest/config';

/** Browser tests: real server, Debian's Chromium. Run with `npm run test:e2e`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
