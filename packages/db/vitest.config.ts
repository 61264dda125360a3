import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@ch/db:unit',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.int.test.ts'],
    // embedded-exit.test.ts starts a node process that loads the embedded-postgres module.
    testTimeout: 60_000,
  },
});
