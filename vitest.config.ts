import { configDefaults, defineConfig } from 'vitest/config';

/** Drills that take more than about 20 s run only with `npm run drills` (vitest.drills.config.ts). */
const SLOW_TESTS = 'test/**/*.slow.test.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, SLOW_TESTS],
    environment: 'node',
    testTimeout: 20_000,
    env: { TZ: 'UTC' },
  },
});
