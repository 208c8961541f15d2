/**
 * `npm run drills`: every reliability drill, the slow ones (`*.slow.test.ts`) included, with the
 * settings of the default configuration.
 */
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/drills/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
  },
});
