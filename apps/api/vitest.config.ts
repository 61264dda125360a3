import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests only: no global setup, so no embedded PostgreSQL starts (vitest.int.config.ts has it).
export default defineConfig({
  test: {
    name: '@ch/api:unit',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.int.test.ts', '**/*.smoke.test.ts'],
    testTimeout: 30_000,
  },
});
